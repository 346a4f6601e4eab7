/** Messages as any user or the system, to users, groups and chatrooms; recall; a conversation's history. */
import { groupKey, roomKey, singleKey } from '@pigeon/protocol';
import type { AdminHttp } from '../http.js';
import type { AdminMessage, Envelope, HistoryPage, RecallInput, SendOptions, SentIds } from '../types.js';

type Target = 'users' | 'chatgroups' | 'chatrooms';

/** Which conversation to read: two users, a group or a room (or a raw key `s:a:b`, `g:id`, `r:id`). */
export type ConversationRef = { users: [string, string] } | { group: string } | { room: string } | string;

const keyOf = (c: ConversationRef): string =>
  typeof c === 'string'
    ? c
    : 'users' in c
      ? singleKey(c.users[0].toLowerCase(), c.users[1].toLowerCase())
      : 'group' in c
        ? groupKey(c.group)
        : roomKey(c.room);

export class Messages {
  readonly #http: AdminHttp;

  constructor(http: AdminHttp) {
    this.#http = http;
  }

  /** 1:1 messages to each user (up to 600), from `from` or the system; returns each message id. */
  toUsers(to: string[], msg: AdminMessage, o: SendOptions = {}): Promise<SentIds> {
    return this.#send('users', to, msg, o);
  }

  /** A message in each group (up to 100), stored once and pushed to its members. */
  toGroups(to: string[], msg: AdminMessage, o: SendOptions & { allowGroupAck?: boolean } = {}): Promise<SentIds> {
    return this.#send('chatgroups', to, msg, o, o.allowGroupAck ? { msgConfig: { allowGroupAck: true } } : {});
  }

  /** A message in each chatroom (up to 100), broadcast to those present. */
  toChatrooms(to: string[], msg: AdminMessage, o: SendOptions = {}): Promise<SentIds> {
    return this.#send('chatrooms', to, msg, o);
  }

  async #send(target: Target, to: string[], msg: AdminMessage, o: SendOptions, extra = {}): Promise<SentIds> {
    const body = { ...(o.from ? { from: o.from } : {}), to, ...msg, ...extra };
    return (await this.#http.call<Envelope<SentIds>>('POST', `/messages/${target}`, { body })).data ?? {};
  }

  /** Recalls a stored 1:1 or group message; its conversation's members get the recall event. */
  async recall(r: RecallInput): Promise<void> {
    const body = {
      msg_id: r.msgId,
      to: r.to,
      ...(r.from ? { from: r.from } : {}),
      ...(r.chatType ? { chat_type: r.chatType } : {}),
      ...(r.force ? { force: true } : {}),
    };
    await this.#http.call('POST', '/messages/msg_recall', { body });
  }

  /** Stored messages of one conversation, newest first; pass `cursor` back as `before` for older ones. */
  async history(conv: ConversationRef, o: { before?: number; limit?: number } = {}): Promise<HistoryPage> {
    const query = { conv: keyOf(conv), before: o.before, limit: o.limit };
    return (await this.#http.call<Envelope<HistoryPage>>('GET', '/messages/history', { query })).data!;
  }
}
