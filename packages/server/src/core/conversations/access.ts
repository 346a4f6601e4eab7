/**
 * Who may touch a conversation, and who hears about what happens in it: both users of a 1:1; the
 * members of a group (a read position only concerns the reader's own devices there, not ten
 * thousand members). Chatrooms keep no positions and are handled by the chatroom services.
 */
import { PigeonError, type ChatType } from '@pigeon/protocol';
import type { GroupMessages } from '../groups/group-messages.js';
import type { App, Caller } from '../types.js';
import { membersOf, parseConv } from './membership.js';

export interface Access {
  chat: ChatType;
  /** Group or room id; the peer for 1:1. */
  target: string;
  /** Who hears about recalls. */
  audience: readonly string[];
  /** Who hears about the caller's read position. */
  readers: readonly string[];
}

export class ConversationAccess {
  readonly #groups: GroupMessages;

  constructor(groups: GroupMessages) {
    this.#groups = groups;
  }

  async check(caller: Caller, conv: string): Promise<Access> {
    const p = parseConv(conv);
    if (p.chat === 'single') {
      const members = membersOf(conv, caller.user);
      return {
        chat: 'single',
        target: members.find((u) => u !== caller.user) ?? caller.user,
        audience: members,
        readers: members,
      };
    }
    const target = p.ids[0]!;
    if (p.chat === 'room')
      throw new PigeonError('CONVERSATION_NOT_FOUND', 'Chatrooms keep no read positions or conversation rows.');
    const audience = await this.#groups.audience(caller, target);
    return { chat: 'group', target, audience, readers: [caller.user] };
  }

  /** Everyone in a 1:1 or group conversation, for what the app's backend does in it (no caller check). */
  async audience(app: App, conv: string): Promise<readonly string[]> {
    const p = parseConv(conv);
    if (p.chat === 'single') return [...new Set(p.ids)];
    if (p.chat === 'group') return (await this.#groups.members(app.id, p.ids[0]!)).names;
    throw new PigeonError('CONVERSATION_NOT_FOUND', 'Chatroom messages are recalled by their sender.');
  }
}
