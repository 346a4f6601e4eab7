/** Turns what the server pushes into the app's Easemob-shaped events. */
import type { EventFrame, Events as WireEvents, Message, MessageType } from '@pigeon/protocol';
import type { Events } from './events.js';
import { uniqueId } from './ids.js';
import { fromWire, target } from './mapping.js';
import { now } from './timers.js';
import type { ChatMessage, CmdMessage, EventName } from './types.js';

/**
 * `{ op, ...rest }` -> `{ operation: op, ...rest }` (Easemob's name for it), same key order. Not
 * written with object rest, which ES2017 builds would lower to a helper.
 */
export function withOperation<T extends { op: string }>(d: T): Omit<T, 'op'> & { operation: T['op'] } {
  const out: Record<string, unknown> = { operation: d.op, ...d };
  delete out.op;
  return out as Omit<T, 'op'> & { operation: T['op'] };
}

const HANDLER: Record<MessageType, EventName> = {
  txt: 'onTextMessage',
  img: 'onImageMessage',
  audio: 'onAudioMessage',
  video: 'onVideoMessage',
  file: 'onFileMessage',
  loc: 'onLocationMessage',
  cmd: 'onCmdMessage',
  custom: 'onCustomMessage',
};

export interface ReceiverDeps {
  events: Events;
  me(): string;
  /** A message this connection sent itself (already reported through send() and onReceivedMessage). */
  isOwnSend(m: Message): boolean;
  /** Called for each message surfaced to the app (delivery receipts, read-receipt bookkeeping). */
  surfaced(m: Message): void;
}

export class Receiver {
  readonly #d: ReceiverDeps;

  constructor(deps: ReceiverDeps) {
    this.#d = deps;
  }

  /** Messages in seq order from the ordering layer: per-type handlers, then one onMessage batch. */
  deliver(msgs: Message[]): void {
    const batch: Exclude<ChatMessage, CmdMessage>[] = [];
    for (const m of msgs) {
      if (this.#d.isOwnSend(m)) continue;
      const em = fromWire(m, this.#d.me());
      this.#d.surfaced(m);
      this.#d.events.emit(HANDLER[m.type] as 'onTextMessage', em as never);
      if (em.type !== 'cmd') batch.push(em);
    }
    if (batch.length) this.#d.events.emit('onMessage', batch);
  }

  /** Every event except `msg` (ordered elsewhere), `kicked` and `goaway` (the session's). */
  event(f: EventFrame): void {
    const me = this.#d.me();
    const ev = this.#d.events;
    if (f.ev === 'read') {
      const d = f.d as WireEvents['read'];
      const t = target(d.conv, me);
      const common = {
        id: uniqueId(),
        from: d.by,
        to: t.to,
        time: now(),
        conversationId: t.conversationId,
        conv: d.conv,
        readSeq: d.readSeq,
      };
      if (d.id === undefined) ev.emit('onChannelMessage', { ...common, type: 'channel', chatType: t.chatType });
      else
        ev.emit('onReadMessage', {
          ...common,
          type: 'read',
          chatType: t.chatType === 'groupChat' ? 'groupChat' : 'singleChat',
          mid: d.id,
          ackId: d.id,
          ...(d.count === undefined ? {} : { groupReadCount: { [d.id]: d.count } }),
        });
    } else if (f.ev === 'delivered') {
      const d = f.d as WireEvents['delivered'];
      const t = target(d.conv, me);
      const chatType = t.chatType === 'groupChat' ? 'groupChat' : 'singleChat';
      ev.emit('onDeliveredMessage', {
        type: 'delivery',
        id: uniqueId(),
        mid: d.id,
        ackId: d.id,
        from: d.by,
        to: t.to,
        chatType,
        time: now(),
        conversationId: t.conversationId,
        conv: d.conv,
      });
    } else if (f.ev === 'recall') {
      const d = f.d as WireEvents['recall'];
      const t = target(d.conv, me);
      ev.emit('onRecallMessage', {
        id: uniqueId(),
        mid: d.id,
        from: d.by,
        to: t.to,
        chatType: t.chatType,
        ext: '',
        conversationId: t.conversationId,
        conv: d.conv,
      });
    } else if (f.ev === 'group' || f.ev === 'room') {
      ev.emit(
        f.ev === 'group' ? 'onGroupEvent' : 'onChatroomEvent',
        withOperation(f.d as WireEvents['group']) as never,
      );
    } else if (f.ev === 'conv.deleted') {
      const d = f.d as WireEvents['conv.deleted'];
      const t = target(d.conv, me);
      ev.emit('onMultiDeviceEvent', {
        operation: 'deleteConversation',
        conversationId: t.conversationId,
        conversationType: t.chatType,
        deleteRoam: d.deleteRoam,
      });
    }
  }
}
