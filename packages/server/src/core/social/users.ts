/** User lists in group and chatroom calls: normalized, distinct, and all existing. */
import { PigeonError } from '@pigeon/protocol';
import type { UserRepository } from '../ports/users.js';
import type { Caller } from '../types.js';
import { normalizeUsername } from '../users/usernames.js';

export function userList(users: unknown, path = '/users'): string[] {
  if (!Array.isArray(users) || users.length === 0)
    throw new PigeonError('BAD_REQUEST', 'Name at least one user.', { details: { path } });
  return [...new Set(users.map((u, i) => normalizeUsername(u, `${path}/${i}`)))];
}

/** Throws USER_NOT_FOUND naming the users that do not exist. */
export async function existingUsers(
  repo: UserRepository,
  caller: Caller,
  users: unknown,
  path = '/users',
): Promise<string[]> {
  const names = userList(users, path);
  const found = new Set(await repo.existing(caller.app.id, names));
  const missing = names.filter((u) => !found.has(u));
  if (missing.length)
    throw new PigeonError('USER_NOT_FOUND', `No user ${missing.join(', ')}.`, { details: { path, users: missing } });
  return names;
}
