/** Reading and acting on stored messages: pull (sync), history, recall, delivery receipts. */
import { PigeonError, parseConversationKey, type Message, type OpReply, type OpRequest } from '@pigeon/protocol';
import type { Clock } from '../ports/clock.js';
import type { ConversationRepository } from '../ports/conversations.js';
import type { MessageRepository } from '../ports/messages.js';
import type { Hub } from '../sessions/hub.js';
import type { App, Caller } from '../types.js';
import { membersOf } from '../conversations/membership.js';
import type { CoreLimits } from '../options.js';

export interface MessageServiceDeps {
  messages: MessageRepository;
  conversations: ConversationRepository;
  hub: Hub;
  clock: Clock;
  limits: CoreLimits;
}

const clamp = (n: number | undefined, fallback: number, max: number) => Math.max(1, Math.min(n ?? fallback, max));

export class MessageService {
  readonly #d: MessageServiceDeps;

  constructor(deps: MessageServiceDeps) {
    this.#d = deps;
  }

  /** Messages after `afterSeq`, oldest first; never those the user cleared. */
  async pull(caller: Caller, req: OpRequest<'msg.pull'>): Promise<OpReply<'msg.pull'>> {
    membersOf(req.conv, caller.user);
    const limit = clamp(req.limit, this.#d.limits.pullPageMax, this.#d.limits.pullPageMax);
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
    membersOf(req.conv, caller.user);
    const limit = clamp(req.limit, 20, this.#d.limits.historyPageMax);
    const afterSeq = await this.#clearedSeq(caller, req.conv);
    const range = { afterSeq, limit: limit + 1, order: 'desc' as const };
    const rows = await this.#d.messages.range(
      caller.app.id,
      req.conv,
      req.beforeSeq === undefined ? range : { ...range, beforeSeq: req.beforeSeq },
    );
    const msgs = rows.slice(0, limit);
    return { msgs, cursor: rows.length > limit ? msgs[msgs.length - 1]!.seq : null };
  }

  /** Recall by the sender within the app's window. */
  async recall(caller: Caller, req: OpRequest<'msg.recall'>): Promise<OpReply<'msg.recall'>> {
    membersOf(req.conv, caller.user);
    const msg = await this.#find(caller, req.conv, req.id);
    if (msg.from !== caller.user) throw new PigeonError('FORBIDDEN', 'Only the sender may recall a message.');
    this.#checkWindow(caller.app, msg);
    await this.#recall(caller.app, msg, caller.user, caller.sessionId);
    return { id: req.id };
  }

  /** Recall by the app's backend (REST): any message; `force` ignores the recall window. */
  async adminRecall(app: App, conv: string, id: string, force: boolean): Promise<Message> {
    const msg = await this.#d.messages.byId(app.id, conv, id);
    if (!msg) throw new PigeonError('MESSAGE_NOT_FOUND', `No message ${id} in ${conv}.`);
    if (!force) this.#checkWindow(app, msg);
    await this.#recall(app, msg, 'admin');
    return msg;
  }

  #checkWindow(app: App, msg: Message): void {
    const { recallWindowSeconds } = app.settings;
    if (this.#d.clock.now() - msg.ts > recallWindowSeconds * 1000) {
      throw new PigeonError('RECALL_WINDOW_PASSED', undefined, { details: { recallWindowSeconds } });
    }
  }

  async #recall(app: App, msg: Message, by: string, except?: string): Promise<void> {
    if (msg.recalled) return;
    await this.#d.messages.recall(app.id, msg.conv, msg.id);
    const members = parseConversationKey(msg.conv)?.ids ?? [];
    for (const user of new Set(members))
      this.#d.hub.emit(app.id, user, 'recall', { conv: msg.conv, id: msg.id, by }, except);
  }

  /** A recipient's device got the message: tell the sender's devices. */
  async delivered(caller: Caller, req: OpRequest<'msg.delivered'>): Promise<OpReply<'msg.delivered'>> {
    membersOf(req.conv, caller.user);
    const msg = await this.#find(caller, req.conv, req.id);
    if (msg.from !== caller.user)
      this.#d.hub.emit(caller.app.id, msg.from, 'delivered', { conv: req.conv, id: req.id, by: caller.user });
    return {};
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
