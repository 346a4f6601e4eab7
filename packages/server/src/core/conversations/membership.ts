/** Conversation keys from requests, and the two users of a 1:1 (groups: access.ts). */
import { PigeonError, parseConversationKey, type ParsedKey } from '@pigeon/protocol';

export function parseConv(conv: unknown, path = '/conv'): ParsedKey {
  const parsed = typeof conv === 'string' ? parseConversationKey(conv) : undefined;
  if (!parsed)
    throw new PigeonError('BAD_REQUEST', `Not a conversation key: ${JSON.stringify(conv)}`, { details: { path } });
  return parsed;
}

/** Returns the members of a 1:1 conversation the user belongs to; throws otherwise. */
export function membersOf(conv: string, user: string): string[] {
  const parsed = parseConv(conv);
  if (parsed.chat !== 'single')
    throw new PigeonError('CONVERSATION_NOT_FOUND', `No group or chatroom ${parsed.ids[0]}.`);
  if (!parsed.ids.includes(user)) throw new PigeonError('FORBIDDEN', 'You are not a member of this conversation.');
  return [...new Set(parsed.ids)];
}
