/**
 * Encoding and decoding of msync frames with protobufjs over our own schema (schema.ts). 64-bit ids
 * travel as uint64; in TypeScript they are decimal strings (Pigeon message ids are snowflakes).
 */
import protobuf from 'protobufjs';
import { MSYNC_SCHEMA } from './schema.js';

const root = protobuf.Root.fromJSON(MSYNC_SCHEMA);
const type = (name: string): protobuf.Type => root.lookupType(`easemob.pb.${name}`);

export const T = {
  MSync: type('MSync'),
  Provision: type('Provision'),
  CommSyncUL: type('CommSyncUL'),
  CommSyncDL: type('CommSyncDL'),
  CommNotice: type('CommNotice'),
  CommUnreadDL: type('CommUnreadDL'),
  Meta: type('Meta'),
  MessageBody: type('MessageBody'),
  MUCBody: type('MUCBody'),
  RosterBody: type('RosterBody'),
  StatisticsBody: type('StatisticsBody'),
  Logout: type('Logout'),
} as const;

export const Command = { SYNC: 0, UNREAD: 1, NOTICE: 2, PROVISION: 3, LOGOUT: 4 } as const;
export const NameSpace = { STATISTIC: 0, CHAT: 1, MUC: 2, ROSTER: 3, NOTIFY: 5 } as const;
export const ErrorCode = {
  OK: 0,
  FAIL: 1,
  UNAUTHORIZED: 2,
  WRONG_PARAMETER: 4,
  PERMISSION_DENIED: 7,
  IM_FORBIDDEN: 12,
  TOO_MANY_DEVICES: 13,
  USER_MUTED: 15,
} as const;

export const USER_DOMAIN = 'easemob.com';
export const CONFERENCE_DOMAIN = 'conference.easemob.com';

export interface Jid {
  appKey?: string;
  name?: string;
  domain?: string;
  clientResource?: string;
}

export interface Status {
  errorCode: number;
  reason?: string;
}

/** A decoded message as a plain object: enums as numbers, 64-bit values as decimal strings, bytes as Buffers. */
export type Plain = Record<string, unknown>;

// Defaults on: the encoders (ours and the SDK's) leave out fields equal to their default, e.g. ValueType BOOL.
const TO_OBJECT: protobuf.IConversionOptions = { longs: String, enums: Number, bytes: Buffer, defaults: true };

export function decode(t: protobuf.Type, bytes: Uint8Array): Plain {
  return t.toObject(t.decode(bytes), TO_OBJECT);
}

export function encode(t: protobuf.Type, value: Plain): Uint8Array {
  return t.encode(t.fromObject(value)).finish();
}

/** A server-to-client frame: only `command` and `payload` matter to the SDK. */
export function frame(command: number, payloadType: protobuf.Type, payload: Plain): Uint8Array {
  return encode(T.MSync, { version: 0, command, payload: encode(payloadType, payload) });
}

export const ok = (): Status => ({ errorCode: ErrorCode.OK });
