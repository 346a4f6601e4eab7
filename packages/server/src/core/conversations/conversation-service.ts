/** A user's conversations: list with unread counts, read positions and receipts, delete, sync positions. */
import { PigeonError, conversationPeer, type ConversationInfo, type OpReply, type OpRequest } from '@pigeon/protocol';
import type { ConversationRepository, UserConversationRow } from '../ports/conversations.js';
import type { MessageRepository } from '../ports/messages.js';
import type { Hub } from '../sessions/hub.js';
import type { GroupMessages } from '../groups/group-messages.js';
import type { Caller } from '../types.js';
import type { ConversationAccess } from './access.js';
import { decodeCursor, encodeCursor } from './cursor.js';

export interface ConversationServiceDeps {
  conversations: ConversationRepository;
  messages: MessageRepository;
  hub: Hub;
  access: ConversationAccess;
  groups: GroupMessages;
}

const PAGE_MAX = 100;
const clampLimit = (n: number | undefined, fallback: number) => Math.max(1, Math.min(n ?? fallback, PAGE_MAX));

export class ConversationService {
  readonly #d: ConversationServiceDeps;

  constructor(deps: ConversationServiceDeps) {
    this.#d = deps;
  }

  /**
   * Moves the read position forward (to `seq`, else the message `id`, else the newest) and tells
   * peers (in groups: the reader's other devices, and the sender of a groupAck message).
   */
  async read(caller: Caller, req: OpRequest<'conv.read'>): Promise<OpReply<'conv.read'>> {
    const access = await this.#d.access.check(caller, req.conv);
    const conv = await this.#d.conversations.get(caller.app.id, req.conv);
    if (!conv) throw new PigeonError('CONVERSATION_NOT_FOUND', `No messages in ${req.conv} yet.`);
    let target = req.seq ?? conv.lastSeq;
    const msg = req.id === undefined ? undefined : await this.#d.messages.byId(caller.app.id, req.conv, req.id);
    if (req.id !== undefined && !msg)
      throw new PigeonError('MESSAGE_NOT_FOUND', `No message ${req.id} in ${req.conv}.`);
    if (req.seq === undefined && msg) target = msg.seq;
    const before = (await this.#d.conversations.forUser(caller.app.id, caller.user, req.conv))?.readSeq ?? 0;
    const readSeq = await this.#d.conversations.markRead(
      caller.app.id,
      caller.user,
      req.conv,
      Math.min(target, conv.lastSeq),
    );
    if (readSeq > before || req.id !== undefined) {
      const ev =
        req.id === undefined
          ? { conv: req.conv, by: caller.user, readSeq }
          : { conv: req.conv, by: caller.user, readSeq, id: req.id };
      this.#d.hub.emitMany(caller.app.id, access.readers, 'read', ev, caller.sessionId);
    }
    if (access.chat === 'group' && msg) await this.#d.groups.receipt(caller, msg, readSeq);
    return { readSeq };
  }

  async list(caller: Caller, req: OpRequest<'conv.list'>): Promise<OpReply<'conv.list'>> {
    const limit = clampLimit(req.limit, 20);
    const rows = await this.#d.conversations.listVisible(
      caller.app.id,
      caller.user,
      decodeCursor(req.cursor),
      limit + 1,
    );
    const page = rows.slice(0, limit);
    const convs = await this.#describe(caller, page);
    const last = page[page.length - 1];
    return { convs, cursor: rows.length > limit && last ? encodeCursor({ ts: last.lastTs, conv: last.conv }) : null };
  }

  async #describe(caller: Caller, rows: UserConversationRow[]): Promise<ConversationInfo[]> {
    const ids = rows.filter((r) => r.lastMsgId && r.lastSeq > r.clearedSeq).map((r) => r.lastMsgId!);
    const lastById = new Map((await this.#d.messages.byIds(caller.app.id, ids)).map((m) => [m.id, m]));
    return Promise.all(
      rows.map(async (r) => {
        const from = Math.max(r.readSeq, r.clearedSeq);
        const unread =
          r.lastSeq > from ? await this.#d.messages.countUnread(caller.app.id, r.conv, from, caller.user) : 0;
        const info: ConversationInfo = {
          conv: r.conv,
          chat: r.chat,
          peer: conversationPeer(r.conv, caller.user) ?? '',
          lastSeq: r.lastSeq,
          readSeq: r.readSeq,
          unread,
          clearedSeq: r.clearedSeq,
          ts: r.lastTs,
        };
        const lastMessage = r.lastMsgId ? lastById.get(r.lastMsgId) : undefined;
        if (lastMessage) info.lastMessage = lastMessage;
        if (
          r.chat === 'group' &&
          unread > 0 &&
          (await this.#d.messages.mentioned(caller.app.id, r.conv, from, caller.user))
        )
          info.mentioned = true;
        return info;
      }),
    );
  }

  /** Hides the conversation until a newer message; with deleteRoam its history is gone for this user. */
  async delete(caller: Caller, req: OpRequest<'conv.delete'>): Promise<OpReply<'conv.delete'>> {
    await this.#d.access.check(caller, req.conv);
    const conv = await this.#d.conversations.get(caller.app.id, req.conv);
    if (!conv) throw new PigeonError('CONVERSATION_NOT_FOUND', `No messages in ${req.conv} yet.`);
    const deleteRoam = req.deleteRoam ?? false;
    await this.#d.conversations.hide(caller.app.id, caller.user, req.conv, conv.lastSeq, deleteRoam);
    this.#d.hub.emit(caller.app.id, caller.user, 'conv.deleted', { conv: req.conv, deleteRoam }, caller.sessionId);
    return {};
  }

  /** Every conversation's positions (hidden ones too), ordered by key, for offline sync. */
  async positions(caller: Caller, req: OpRequest<'sync.positions'>): Promise<OpReply<'sync.positions'>> {
    const limit = clampLimit(req.limit, PAGE_MAX);
    const rows = await this.#d.conversations.listAll(caller.app.id, caller.user, req.cursor, limit + 1);
    const page = rows.slice(0, limit);
    const convs = page.map((r) => ({ conv: r.conv, lastSeq: r.lastSeq, readSeq: r.readSeq, clearedSeq: r.clearedSeq }));
    return { convs, cursor: rows.length > limit ? page[page.length - 1]!.conv : null };
  }
}
