/** A conversation's history as the app's admin (or the platform console) sees it: every stored message. */
import { PigeonError, parseConversationKey, type Message } from '@pigeon/protocol';
import type { MessageRepository } from '../ports/messages.js';
import type { App } from '../types.js';

export interface AdminHistoryQuery {
  conv: string;
  /** Newest first, strictly below this seq; none means from the newest. */
  beforeSeq?: number;
  limit: number;
}

export interface AdminHistoryPage {
  msgs: Message[];
  /** The next `beforeSeq`; null at the start of the conversation. */
  cursor: number | null;
}

export async function adminHistory(
  messages: MessageRepository,
  app: App,
  q: AdminHistoryQuery,
  max: number,
): Promise<AdminHistoryPage> {
  if (!parseConversationKey(q.conv))
    throw new PigeonError('BAD_REQUEST', 'conv must be s:<a>:<b>, g:<groupId> or r:<roomId>.', {
      details: { path: '/conv' },
    });
  const limit = Math.max(1, Math.min(q.limit, max));
  const range = { afterSeq: 0, limit: limit + 1, order: 'desc' as const };
  const rows = await messages.range(
    app.id,
    q.conv,
    q.beforeSeq === undefined ? range : { ...range, beforeSeq: q.beforeSeq },
  );
  const msgs = rows.slice(0, limit);
  return { msgs, cursor: rows.length > limit ? msgs[msgs.length - 1]!.seq : null };
}
