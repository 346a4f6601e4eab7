/** Checks on the other user of a contact operation: a valid name, not oneself, an existing user. */
import { PigeonError } from '@pigeon/protocol';
import type { UserRepository } from '../ports/users.js';
import type { Caller } from '../types.js';
import { normalizeUsername } from '../users/usernames.js';

export async function existingPeer(
  users: UserRepository,
  caller: Caller,
  raw: unknown,
  path = '/user',
): Promise<string> {
  const peer = normalizeUsername(raw, path);
  if (peer === caller.user)
    throw new PigeonError('BAD_REQUEST', 'A user cannot do this with themselves.', { details: { path } });
  if (!(await users.get(caller.app.id, peer)))
    throw new PigeonError('USER_NOT_FOUND', `No user "${peer}".`, { details: { user: peer } });
  return peer;
}

/** Several names at once: normalized, deduplicated, none oneself, all existing. */
export async function existingPeers(
  users: UserRepository,
  caller: Caller,
  raw: unknown[],
  path = '/users',
): Promise<string[]> {
  const names = [...new Set(raw.map((n, i) => normalizeUsername(n, `${path}/${i}`)))];
  const self = names.indexOf(caller.user);
  if (self >= 0) throw new PigeonError('BAD_REQUEST', 'A user cannot do this with themselves.', { details: { path } });
  const found = new Set(await users.existing(caller.app.id, names));
  const missing = names.find((n) => !found.has(n));
  if (missing !== undefined)
    throw new PigeonError('USER_NOT_FOUND', `No user "${missing}".`, { details: { user: missing } });
  return names;
}
