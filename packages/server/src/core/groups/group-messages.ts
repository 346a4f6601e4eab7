/**
 * Group messages: who may send (members, not muted), who gets the push (every member, from the
 * cached list), @mentions (ext.em_at_list), and read receipts for messages sent with groupAck.
 */
import {
  MENTION_ALL,
  MENTION_KEY,
  PigeonError,
  type Message,
  type OpReply,
  type OpRequest,
  type OutgoingMessage,
} from '@pigeon/protocol';
import { isMuted, requireRank } from '../social/roles.js';
import type { Caller } from '../types.js';
import type { GroupContext } from './group-context.js';
import { rankIn, type GroupState } from './group-state.js';

const MAX_MENTIONS = 100;

export interface GroupSend {
  /** Members to push to (the cached list itself: never modified). */
  recipients: readonly string[];
  /** Mention targets to record ('*' for ALL). */
  mentions: string[];
}

export class GroupMessages {
  readonly #c: GroupContext;

  constructor(c: GroupContext) {
    this.#c = c;
  }

  /** Throws NOT_A_MEMBER or MUTED; `trusted` (the app's backend) may send as anyone. */
  async authorize(caller: Caller, out: OutgoingMessage, trusted: boolean): Promise<GroupSend> {
    const s = await this.#c.state(caller, out.to);
    if (!trusted) this.#maySpeak(caller, s);
    return { recipients: s.names, mentions: mentionTargets(out, s, caller.user) };
  }

  /** The group, whoever asks (the app's backend). */
  members(appId: string, groupId: string): Promise<GroupState> {
    return this.#c.directory.get(appId, groupId);
  }

  /** Members of a group the caller belongs to (recall and receipts reach them). */
  async audience(caller: Caller, groupId: string): Promise<readonly string[]> {
    const s = await this.#c.state(caller, groupId);
    requireRank(rankIn(s, caller), 'member', 'read this group');
    return s.names;
  }

  /** A receipt for a groupAck message: recorded once per reader; the sender hears the new count. */
  async receipt(caller: Caller, msg: Message, readSeq: number): Promise<void> {
    if (!msg.groupAck || msg.from === caller.user) return;
    const c = this.#c;
    const groupId = msg.to;
    if (!(await c.repos.groupLists.addReceipt(caller.app.id, msg.id, caller.user, c.clock.now()))) return;
    const count = (await c.repos.groupLists.readers(caller.app.id, msg.id)).length;
    c.hub.emit(caller.app.id, msg.from, 'read', { conv: `g:${groupId}`, by: caller.user, readSeq, id: msg.id, count });
  }

  async readers(caller: Caller, req: OpRequest<'group.readers'>): Promise<OpReply<'group.readers'>> {
    await this.audience(caller, req.groupId);
    const users = await this.#c.repos.groupLists.readers(caller.app.id, req.msgId);
    return { users, total: users.length };
  }

  #maySpeak(caller: Caller, s: GroupState): void {
    const m = s.members.get(caller.user);
    if (!m) throw new PigeonError('NOT_A_MEMBER', `You are not a member of group ${s.group.id}.`);
    const now = this.#c.clock.now();
    if (isMuted(m.muteUntil, now))
      throw new PigeonError('MUTED', 'You are muted in this group.', { details: { expire: m.muteUntil } });
    if (s.group.muteAll && m.role === 'member' && !m.allowed)
      throw new PigeonError('MUTED', 'Everyone is muted in this group.', { details: { all: true } });
  }
}

/** em_at_list: 'ALL' (any case) or an array of member names; the sender never mentions itself. */
export function mentionTargets(out: OutgoingMessage, s: GroupState, from: string): string[] {
  const list = out.ext?.[MENTION_KEY];
  if (typeof list === 'string') return list.toUpperCase() === MENTION_ALL ? ['*'] : [];
  if (!Array.isArray(list)) return [];
  const named = list.filter((u): u is string => typeof u === 'string').map((u) => u.toLowerCase());
  if (named.some((u) => u.toUpperCase() === MENTION_ALL)) return ['*'];
  return [...new Set(named)].filter((u) => u !== from && s.members.has(u)).slice(0, MAX_MENTIONS);
}
