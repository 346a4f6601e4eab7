/**
 * Metas an Easemob client sends (SYNC with CommSyncUL.meta): messages, receipts and recalls become the
 * same core calls the native gateway makes; each is acked by metaId with the server id, or an error
 * Status the SDK maps to its error types.
 */
import { PigeonError, type ChatType } from '@pigeon/protocol';
import type { Core } from '../../core/index.js';
import type { Caller } from '../../core/types.js';
import { NameSpace, T, decode, ok, type Plain, type Status } from './codec.js';
import { cidOf } from './device-tag.js';
import { convOf, isConference } from './jids.js';
import { BodyType, chatOfBodyType, outgoingFromBody } from './message-map.js';
import { sendStatus } from './status-map.js';

export interface OutboundHost {
  readonly core: Core;
  readonly user: string;
  /** deviceTag of this session's resource. */
  readonly tag: string;
  caller(): Promise<Caller>;
  newId(): string;
  /** A message of this device committed (its own copy needs no delivery). */
  sent(conv: string, seq: number): Promise<void>;
  /** A chatroom join or leave (MUC meta), answered in the ack. */
  muc(body: Plain): Promise<void>;
}

export interface MetaAck {
  status: Status;
  serverId?: string;
  timestamp?: number;
}

const RECEIPTS = new Set<number>([BodyType.READ_ACK, BodyType.DELIVER_ACK, BodyType.RECALL, BodyType.CHANNEL_ACK]);

export async function handleMeta(host: OutboundHost, meta: Plain): Promise<MetaAck | undefined> {
  const ns = (meta.ns as number | undefined) ?? NameSpace.STATISTIC;
  if (ns === NameSpace.STATISTIC) return undefined; // client statistics: nothing to do, no ack needed
  try {
    if (ns === NameSpace.MUC) {
      await host.muc(decode(T.MUCBody, (meta.payload as Uint8Array | undefined) ?? new Uint8Array()));
      return { status: ok(), serverId: host.newId(), timestamp: Date.now() };
    }
    if (ns !== NameSpace.CHAT) throw new PigeonError('BAD_REQUEST', `Unsupported meta namespace ${ns}.`);
    return await chatMeta(host, meta);
  } catch (e) {
    return { status: sendStatus(e) };
  }
}

/** The chat a receipt refers to: the client does not say, the address does. */
const chatOfAddress = (to: Plain | undefined, roomIds: boolean): ChatType =>
  isConference(to) ? (roomIds ? 'room' : 'group') : 'single';

async function chatMeta(host: OutboundHost, meta: Plain): Promise<MetaAck> {
  const body = decode(T.MessageBody, (meta.payload as Uint8Array | undefined) ?? new Uint8Array());
  const type = (body.type as number | undefined) ?? BodyType.NORMAL;
  const to = ((meta.to as Plain | undefined)?.name as string | undefined)?.toLowerCase() ?? '';
  if (!to) throw new PigeonError('BAD_REQUEST', 'The meta has no recipient.', { details: { path: '/to/name' } });
  const caller = await host.caller();
  if (RECEIPTS.has(type)) {
    const conv = convOf(chatOfAddress(meta.to as Plain, false), host.user, to);
    await receipt(host.core, caller, type, conv, String(body.ackMessageId ?? ''));
    return { status: ok(), serverId: host.newId(), timestamp: Date.now() };
  }
  const chat = chatOfBodyType(type);
  if (!chat) throw new PigeonError('BAD_REQUEST', `Unsupported message type ${type}.`);
  const out = outgoingFromBody(body, cidOf(host.tag, String(meta.id)), chat, to, meta.routetype === 1);
  const ack = await host.core.sender.send(caller, out);
  await host.sent(ack.conv, ack.seq);
  return { status: ok(), serverId: ack.id, timestamp: ack.ts };
}

async function receipt(core: Core, caller: Caller, type: number, conv: string, id: string): Promise<void> {
  if (type === BodyType.CHANNEL_ACK) {
    await core.conversations.read(caller, { conv });
    return;
  }
  if (!/^[1-9]\d*$/.test(id)) throw new PigeonError('BAD_REQUEST', 'ackMessageId is required.');
  if (type === BodyType.READ_ACK) await core.conversations.read(caller, { conv, id });
  else if (type === BodyType.DELIVER_ACK) await core.messages.delivered(caller, { conv, id });
  else await core.messages.recall(caller, { conv, id });
}
