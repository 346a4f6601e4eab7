/**
 * Frame envelope. Version 1 frames are JSON text, one object per WebSocket message:
 *   request  (client -> server)  { id, op, d? }
 *   reply    (server -> client)  { re, d } | { re, err }
 *   event    (server -> client)  { ev, d }
 * `id` is a positive integer chosen by the client, unique among its pending requests.
 */
import type { WireError } from './errors.js';
import type { EventName, Events } from './events.js';
import type { OpName, Ops } from './ops.js';

export const PROTOCOL_VERSION = 1;

export type RequestFrame<O extends OpName = OpName> = { id: number; op: O; d?: Ops[O]['req'] };
export type ReplyOk<O extends OpName = OpName> = { re: number; d: Ops[O]['res'] };
export type ReplyErr = { re: number; err: WireError };
export type ReplyFrame = ReplyOk | ReplyErr;
export type EventFrame<E extends EventName = EventName> = { ev: E; d: Events[E] };
export type ServerFrame = ReplyFrame | EventFrame;

export const isReply = (f: ServerFrame): f is ReplyFrame => 're' in f;
export const isReplyError = (f: ReplyFrame): f is ReplyErr => 'err' in f;

/** WebSocket close codes (4000-4999 are ours; 1001 and 1009 are the standard ones). */
export const CloseCodes = Object.freeze({
  NORMAL: 1000,
  GOING_AWAY: 1001,
  TOO_BIG: 1009,
  AUTH_FAILED: 4001,
  AUTH_TIMEOUT: 4002,
  KICKED: 4003,
  IDLE_TIMEOUT: 4004,
  BAD_FRAMES: 4005,
  SLOW_CONSUMER: 4006,
  DEACTIVATED: 4007,
});

/** Close codes after which the SDK must not reconnect on its own. */
export const NO_RECONNECT_CODES: readonly number[] = [
  CloseCodes.AUTH_FAILED,
  CloseCodes.KICKED,
  CloseCodes.DEACTIVATED,
];

/** Defaults that both sides agree on unless the server says otherwise in AuthReply. */
export const DEFAULT_LIMITS = Object.freeze({
  maxFrameBytes: 64 * 1024,
  maxMessageBytes: 32 * 1024,
  sendsPerSecond: 50,
  authTimeoutMs: 10_000,
  idleTimeoutMs: 90_000,
  pullPageMax: 200,
  historyPageMax: 100,
});
