/** One row of a user file as a new user, or the reason it is rejected (the REST rules for users). */
import { USERNAME_PATTERN } from '@pigeon/protocol';
import type { NewUserInput } from '../../core/users/user-service.js';
import type { SourceRow } from './read-rows.js';

const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? (v === '' ? undefined : v) : typeof v === 'number' ? String(v) : undefined;

export function checkRow(row: SourceRow['row'], seen: Set<string>): NewUserInput | string {
  if ('error' in row && typeof row.error === 'string' && !('username' in row)) return row.error;
  const r = row as Record<string, unknown>;
  const raw = str(r.username);
  if (raw === undefined) return 'no username';
  const username = raw.toLowerCase();
  if (!USERNAME_PATTERN.test(username)) return `invalid username ${JSON.stringify(raw)}: 1-64 of a-z 0-9 _ - .`;
  if (seen.has(username)) return `username ${username} appears earlier in the file`;
  const password = str(r.password);
  if (password !== undefined && password.length > 128) return 'password longer than 128 characters';
  const nickname = str(r.nickname);
  if (nickname !== undefined && nickname.length > 100) return 'nickname longer than 100 characters';
  seen.add(username);
  return { username, ...(password !== undefined ? { password } : {}), ...(nickname !== undefined ? { nickname } : {}) };
}
