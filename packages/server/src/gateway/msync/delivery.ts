/**
 * Stored messages reach an Easemob client the msync way: NOTICE(queue), the client pulls the queue
 * (SYNC), acks with the batch's nextKey, and the device's cursor moves. UNREAD lists the queues with
 * messages after the cursor (offline sync after a reconnect).
 */
import type { Message, SyncPosition } from '@pigeon/protocol';
import { parseConversationKey } from '@pigeon/protocol';
import type { Core } from '../../core/index.js';
import type { Caller } from '../../core/types.js';
import { Command, NameSpace, T, encode, frame, ok, type Jid, type Plain } from './codec.js';
import type { DeviceCursors } from './cursors.js';
import { sentByDevice } from './device-tag.js';
import { convOfQueue, queueOfConv, userJid, conferenceJid } from './jids.js';
import { bodyOfMessage } from './message-map.js';

const PAGE = 50;

export interface DeliveryHost {
  readonly core: Core;
  readonly appKey: string;
  readonly user: string;
  /** deviceTag of this session's resource. */
  readonly tag: string;
  caller(): Promise<Caller>;
  send(bytes: Uint8Array): void;
}

/** The meta an Easemob client receives for a message. */
export function messageMeta(appKey: string, m: Message): Plain {
  return {
    id: m.id,
    from: userJid(appKey, m.from),
    to: m.chat === 'single' ? userJid(appKey, m.to) : conferenceJid(appKey, m.to),
    timestamp: m.ts,
    ns: NameSpace.CHAT,
    payload: encode(T.MessageBody, bodyOfMessage(m)),
  };
}

export class Delivery {
  readonly #host: DeliveryHost;
  readonly #cursors: DeviceCursors;
  /** Per queue name, the ids of the last batch sent and their seqs (so an ack key moves the cursor). */
  readonly #batches = new Map<string, Map<string, number>>();

  constructor(host: DeliveryHost, cursors: DeviceCursors) {
    this.#host = host;
    this.#cursors = cursors;
  }

  /** Seeds cursors of conversations this device has no cursor for, from the read positions. */
  async seed(): Promise<SyncPosition[]> {
    const caller = await this.#host.caller();
    const all: SyncPosition[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.#host.core.conversations.positions(caller, cursor ? { cursor } : {});
      all.push(...page.convs);
      cursor = page.cursor ?? undefined;
    } while (cursor);
    for (const p of all) this.#cursors.seed(p.conv, Math.max(p.readSeq, p.clearedSeq));
    return all;
  }

  async unread(): Promise<void> {
    const positions = await this.seed();
    const unread = [];
    for (const p of positions) {
      if (parseConversationKey(p.conv)?.chat === 'room') continue;
      const n = p.lastSeq - this.#cursors.get(p.conv);
      const queue = queueOfConv(this.#host.appKey, p.conv, this.#host.user);
      if (n > 0 && queue) unread.push({ queue, n });
    }
    this.#host.send(frame(Command.UNREAD, T.CommUnreadDL, { status: ok(), unread, timestamp: Date.now() }));
  }

  notice(conv: string): void {
    const queue = queueOfConv(this.#host.appKey, conv, this.#host.user);
    if (queue) this.#host.send(frame(Command.NOTICE, T.CommNotice, { queue }));
  }

  /** The device's own send committed: it needs no delivery back. */
  async sent(conv: string, seq: number): Promise<void> {
    if (seq > 0 && this.#cursors.get(conv) >= seq - 1) await this.#cursors.advance(conv, seq);
  }

  async pull(queue: Jid, key: string | undefined): Promise<void> {
    const conv = convOfQueue(queue, this.#host.user);
    const name = queue.name ?? '';
    if (conv && key !== undefined && key !== '0') await this.#ack(conv, name, key);
    const msgs = conv ? await this.#page(conv) : [];
    if (!conv || !msgs.length) {
      this.#batches.delete(name);
      this.#reply({ status: ok(), queue, metas: [], isLast: true, timestamp: Date.now() });
      return;
    }
    this.#batches.set(name, new Map(msgs.map((m) => [m.id, m.seq])));
    const metas = msgs.filter((m) => !sentByDevice(m, this.#host.user, this.#host.tag) && !m.recalled);
    this.#reply({
      status: ok(),
      queue,
      metas: metas.map((m) => messageMeta(this.#host.appKey, m)),
      nextKey: msgs[msgs.length - 1]!.id,
      isLast: false,
      timestamp: Date.now(),
    });
  }

  async #ack(conv: string, name: string, key: string): Promise<void> {
    const seq = this.#batches.get(name)?.get(key);
    if (seq !== undefined) await this.#cursors.advance(conv, seq);
  }

  async #page(conv: string): Promise<Message[]> {
    try {
      const afterSeq = this.#cursors.get(conv);
      return (await this.#host.core.messages.pull(await this.#host.caller(), { conv, afterSeq, limit: PAGE })).msgs;
    } catch {
      return []; // no access (left the group, conversation gone): nothing to deliver
    }
  }

  #reply(dl: Plain): void {
    this.#host.send(frame(Command.SYNC, T.CommSyncDL, dl));
  }
}
