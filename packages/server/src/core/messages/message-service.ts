/** Reading and acting on stored messages: pull (sync), history, recall, delivery receipts. */
import { PigeonError, type Message, type OpReply, type OpRequest } from '@pigeon/protocol';
import type { RoomMessages } from '../chatrooms/room-messages.js';
import type { ConversationAccess } from '../conversations/access.js';
import { parseConv } from '../conversations/membership.js';
import type { Clock } from '../ports/clock.js';
import type { ConversationRepository } from '../ports/conversations.js';
import type { MessageRepository } from '../ports/messages.js';
import type { Hub } from '../sessions/hub.js';
import type { App, Caller } from '../types.js';
import type { CoreLimits } from '../options.js';

export interface MessageServiceDeps {
  messages: MessageRepository;
  conversations: ConversationRepository;
  hub: Hub;
  clock: Clock;
  limits: CoreLimits;
  access: ConversationAccess;
  rooms: RoomMessages;
  /** Messages whose content is gone (recalled): their files lose a reference. */
  released?(appId: string, msgIds: string[]): Promise<void>;
}

const clamp = (n: number | undefined, fallback: number, max: number) => Math.max(1, Math.min(n ?? fallback, max));
/** The chatroom id when `conv` is a chatroom's (their messages live in a memory buffer). */
const roomOf = (conv: string): string | undefined => {
  const p = parseConv(conv);
  return p.chat === 'room' ? p.ids[0] : undefined;
};

export class MessageService {
  readonly #d: MessageServiceDeps;

  constructor(deps: MessageServiceDeps) {
    this.#d = deps;
  }

  /** Messages after `afterSeq`, oldest first; never those the user cleared (nor, in groups, before joining). */
  async pull(caller: Caller, req: OpRequest<'msg.pull'>): Promise<OpReply<'msg.pull'>> {
    const limit = clamp(req.limit, this.#d.limits.pullPageMax, this.#d.limits.pullPageMax);
    const room = roomOf(req.conv);
    if (room) {
      const msgs = this.#d.rooms.range(caller, room, req.afterSeq, Infinity, limit + 1, 'asc');
      return { msgs: msgs.slice(0, limit), hasMore: msgs.length > limit };
    }
    await this.#d.access.check(caller, req.conv);
    const cleared = await this.#clearedSeq(caller, req.conv);
    const rows = await this.#d.messages.range(caller.app.id, req.conv, {
      afterSeq: Math.max(req.afterSeq, cleared),
      limit: limit + 1,
      order: 'asc',
    });
    return { msgs: rows.slice(0, limit), hasMore: rows.length > limit };
  }

  /** History, newest first; `cursor` is the next `beforeSeq`, null when the start is reached. */
  async history(caller: Caller, req: OpRequest<'msg.history'>): Promise<OpReply<'msg.history'>> {
    const limit = clamp(req.limit, 20, this.#d.limits.historyPageMax);
    const room = roomOf(req.conv);
    const rows = room
      ? this.#d.rooms.range(caller, room, 0, req.beforeSeq ?? Infinity, limit + 1, 'desc')
      : await this.#stored(caller, req, limit);
    const msgs = rows.slice(0, limit);
    return { msgs, cursor: rows.length > limit ? msgs[msgs.length - 1]!.seq : null };
  }

  async #stored(caller: Caller, req: OpRequest<'msg.history'>, limit: number): Promise<Message[]> {
    await this.#d.access.check(caller, req.conv);
    const afterSeq = await this.#clearedSeq(caller, req.conv);
    const range = { afterSeq, limit: limit + 1, order: 'desc' as const };
    return this.#d.messages.range(
      caller.app.id,
      req.conv,
      req.beforeSeq === undefined ? range : { ...range, beforeSeq: req.beforeSeq },
    );
  }

  /** Recall by the sender within the app's window. */
  async recall(caller: Caller, req: OpRequest<'msg.recall'>): Promise<OpReply<'msg.recall'>> {
    const room = roomOf(req.conv);
    if (room) {
      const msg = this.#d.rooms.find(caller, room, req.id);
      if (!msg) throw new PigeonError('MESSAGE_NOT_FOUND', `No message ${req.id} in ${req.conv}'s recent buffer.`);
      this.#mayRecall(caller, msg);
      if (!msg.recalled) this.#d.rooms.recall(caller, msg);
      return { id: req.id };
    }
    const { audience } = await this.#d.access.check(caller, req.conv);
    const msg = await this.#find(caller, req.conv, req.id);
    this.#mayRecall(caller, msg);
    await this.#recall(caller.app, msg, audience, caller.user, caller.sessionId);
    return { id: req.id };
  }

  /** Recall by the app's backend (REST): any message of a 1:1 or group; `force` ignores the recall window. */
  async adminRecall(app: App, conv: string, id: string, force: boolean): Promise<Message> {
    const msg = await this.#d.messages.byId(app.id, conv, id);
    if (!msg) throw new PigeonError('MESSAGE_NOT_FOUND', `No message ${id} in ${conv}.`);
    if (!force) this.#checkWindow(app, msg);
    await this.#recall(app, msg, await this.#d.access.audience(app, conv), 'admin');
    return msg;
  }

  async #recall(app: App, msg: Message, audience: readonly string[], by: string, except?: string): Promise<void> {
    if (msg.recalled) return;
    await this.#d.messages.recall(app.id, msg.conv, msg.id);
    // After the recall, never before: a failure here keeps a file longer, never drops one in use.
    await this.#d.released?.(app.id, [msg.id]);
    this.#d.hub.emitMany(app.id, audience, 'recall', { conv: msg.conv, id: msg.id, by }, except);
  }

  /** A recipient's device got the message: tell the sender's devices. */
  async delivered(caller: Caller, req: OpRequest<'msg.delivered'>): Promise<OpReply<'msg.delivered'>> {
    if (roomOf(req.conv)) return {};
    await this.#d.access.check(caller, req.conv);
    const msg = await this.#find(caller, req.conv, req.id);
    if (msg.from !== caller.user)
      this.#d.hub.emit(caller.app.id, msg.from, 'delivered', { conv: req.conv, id: req.id, by: caller.user });
    return {};
  }

  #mayRecall(caller: Caller, msg: Message): void {
    if (msg.from !== caller.user) throw new PigeonError('FORBIDDEN', 'Only the sender may recall a message.');
    this.#checkWindow(caller.app, msg);
  }

  #checkWindow(app: App, msg: Message): void {
    const { recallWindowSeconds } = app.settings;
    if (this.#d.clock.now() - msg.ts > recallWindowSeconds * 1000) {
      throw new PigeonError('RECALL_WINDOW_PASSED', undefined, { details: { recallWindowSeconds } });
    }
  }

  async #find(caller: Caller, conv: string, id: string): Promise<Message> {
    const msg = await this.#d.messages.byId(caller.app.id, conv, id);
    if (!msg) throw new PigeonError('MESSAGE_NOT_FOUND', `No message ${id} in ${conv}.`);
    return msg;
  }

  async #clearedSeq(caller: Caller, conv: string): Promise<number> {
    return (await this.#d.conversations.forUser(caller.app.id, caller.user, conv))?.clearedSeq ?? 0;
  }
}
