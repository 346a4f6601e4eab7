/** User attributes ("个人设置"): updateOwnUserInfo / updateUserInfo / fetchUserInfoById on profile.* ops. */
import type { Events, ProfileAttrs } from '@pigeon/protocol';
import type { Request } from '../conversations.js';
import { invalid } from '../errors.js';
import type { AsyncResult } from '../types.js';
import type {
  ConfigurableKey,
  CustomUserInfo,
  UpdateOwnUserInfoParams,
  UserId,
  UserInfoChange,
} from './contact-types.js';

const FETCH_CHUNK = 100;

/** Strings as they are; numbers and booleans (Easemob allows them for gender) as text; null or '' removes. */
function toAttrs(params: UpdateOwnUserInfoParams | CustomUserInfo | string, value?: unknown): ProfileAttrs {
  const entries: Array<[string, unknown]> =
    typeof params === 'string' ? [[params, value]] : params && typeof params === 'object' ? Object.entries(params) : [];
  const attrs: ProfileAttrs = {};
  for (const [k, v] of entries) {
    if (v === undefined && typeof params === 'object') continue;
    if (v === null) attrs[k] = '';
    else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') attrs[k] = String(v);
    else throw invalid(`${k} must be a string, a number or a boolean`, { field: k });
  }
  if (Object.keys(attrs).length === 0) throw invalid('Give at least one attribute to update', { field: 'params' });
  return attrs;
}

export async function updateUserInfo(
  request: Request,
  params: UpdateOwnUserInfoParams | CustomUserInfo | ConfigurableKey | string,
  value?: unknown,
): Promise<AsyncResult<UpdateOwnUserInfoParams & Record<string, string>>> {
  const res = await request('profile.update', { attrs: toAttrs(params, value) });
  return { type: 0, data: res.attrs };
}

export async function fetchUserInfoById(
  request: Request,
  userId: UserId | UserId[],
  properties?: ConfigurableKey[] | ConfigurableKey | string[],
): Promise<AsyncResult<Record<string, UpdateOwnUserInfoParams & Record<string, string>>>> {
  const ids = Array.isArray(userId) ? userId : [userId];
  if (ids.length === 0 || ids.some((u) => typeof u !== 'string' || !u))
    throw invalid('userId must be a user name or a list of them', { field: 'userId' });
  const keys = properties === undefined ? undefined : Array.isArray(properties) ? properties : [properties];
  const data: Record<string, Record<string, string>> = {};
  for (let i = 0; i < ids.length; i += FETCH_CHUNK) {
    const users = ids.slice(i, i + FETCH_CHUNK);
    const res = await request('profile.get', keys?.length ? { users, keys } : { users });
    Object.assign(data, res.profiles);
  }
  return { type: 0, data };
}

export function userInfoChange(e: Events['profile']): UserInfoChange {
  return { userId: e.user, changes: e.attrs, cleared: e.cleared === true, time: e.ts };
}
