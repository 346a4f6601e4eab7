/** Opaque cursors for the conversation list: base64url of `ts:conv`. */
import { PigeonError } from '@pigeon/protocol';
import type { ConversationCursor } from '../ports/conversations.js';

export const encodeCursor = (c: ConversationCursor): string => Buffer.from(`${c.ts}:${c.conv}`).toString('base64url');

export function decodeCursor(cursor: string | undefined): ConversationCursor | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const text = Buffer.from(cursor, 'base64url').toString();
  const i = text.indexOf(':');
  const ts = Number(text.slice(0, i));
  if (i < 1 || !Number.isSafeInteger(ts))
    throw new PigeonError('BAD_REQUEST', 'Invalid cursor.', { details: { path: '/cursor' } });
  return { ts, conv: text.slice(i + 1) };
}
