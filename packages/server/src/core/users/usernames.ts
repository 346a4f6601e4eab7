import { PigeonError, USERNAME_PATTERN } from '@pigeon/protocol';

/** Lower-cases a user name and checks Easemob's rule; `path` names the field in errors. */
export function normalizeUsername(name: unknown, path = '/username'): string {
  const lower = typeof name === 'string' ? name.toLowerCase() : '';
  if (!USERNAME_PATTERN.test(lower)) {
    throw new PigeonError('BAD_REQUEST', `Invalid user name ${JSON.stringify(name)}: 1-64 of a-z 0-9 _ - .`, {
      details: { path },
    });
  }
  return lower;
}
