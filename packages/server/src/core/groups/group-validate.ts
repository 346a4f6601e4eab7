/** Checks of group fields shared by create and modify. */
import { PigeonError, type GroupPatch, type NewGroup } from '@pigeon/protocol';
import type { GroupLimits } from './group-context.js';

const bad = (path: string, message: string) => new PigeonError('BAD_REQUEST', message, { details: { path } });

const TEXT_LIMITS: Record<string, number> = { name: 128, description: 512, avatar: 1024, ext: 8192 };

export function checkGroupFields(p: GroupPatch | NewGroup, limits: GroupLimits): void {
  for (const [field, max] of Object.entries(TEXT_LIMITS)) {
    const v = (p as Record<string, unknown>)[field];
    if (v !== undefined && (typeof v !== 'string' || v.length > max))
      throw bad(`/${field}`, `${field} must be a string of at most ${max} characters.`);
  }
  if (p.name !== undefined && p.name.trim() === '') throw bad('/name', 'The group name is empty.');
  if (p.maxUsers !== undefined && (!Number.isInteger(p.maxUsers) || p.maxUsers < 1 || p.maxUsers > limits.maxUsersCap))
    throw bad('/maxUsers', `maxUsers must be an integer from 1 to ${limits.maxUsersCap}.`);
}

/** The fields of a patch that differ from the group (what `changed` and `updateInfo` report). */
export function diff<T extends object>(current: T, patch: Partial<T>): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(patch) as Array<[keyof T, T[keyof T]]>)
    if (v !== undefined && current[k] !== v) out[k] = v;
  return out;
}
