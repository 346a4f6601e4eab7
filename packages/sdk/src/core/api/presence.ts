/** Presence: publishPresence, subscribePresence and the rest, on presence.* ops, in Easemob's shapes. */
import type { PresenceInfo } from '@pigeon/protocol';
import type { Request } from '../conversations.js';
import { invalid } from '../errors.js';
import type { AsyncResult } from '../types.js';
import type {
  GetSubscribedPresenceListResult,
  PresenceType,
  SubscribePresence,
  SubscribePresenceResult,
  UserId,
} from './contact-types.js';

const seconds = (ms: number) => Math.floor(ms / 1000);
const device = (d: PresenceInfo['devices'][number]) => `${d.platform}_${d.deviceId}`;

function usernames(v: unknown): string[] {
  if (!Array.isArray(v) || v.length === 0 || v.some((u) => typeof u !== 'string' || !u))
    throw invalid('usernames must be a non-empty list of user names', { field: 'usernames' });
  return v as string[];
}

export function subscribePresenceItem(p: PresenceInfo): SubscribePresence {
  // A loop, not Object.fromEntries (ES2019): older mini-program engines lack it.
  const status: Record<string, number> = {};
  for (const d of p.devices) if (d.online) status[device(d)] = 1;
  return { uid: p.user, ext: p.ext, last_time: seconds(p.lastTime), expiry: seconds(p.expiresAt), status };
}

export function presenceType(p: PresenceInfo): PresenceType {
  return {
    userId: p.user,
    statusDetails: p.devices.map((d) => ({ device: device(d), status: d.online ? 1 : 0 })),
    ext: p.ext,
    lastTime: seconds(p.lastTime),
    expire: seconds(p.expiresAt),
  };
}

export async function publishPresence(request: Request, p: { description: string }): Promise<void> {
  if (typeof p?.description !== 'string') throw invalid('description must be a string', { field: 'description' });
  await request('presence.publish', { ext: p.description });
}

export async function subscribePresence(
  request: Request,
  p: { usernames: UserId[]; expiry: number },
): Promise<AsyncResult<SubscribePresenceResult>> {
  if (!Number.isInteger(p?.expiry) || p.expiry < 1)
    throw invalid('expiry must be a positive number of seconds', { field: 'expiry' });
  const res = await request('presence.subscribe', { users: usernames(p.usernames), expiry: p.expiry });
  return { type: 0, data: { result: res.presences.map(subscribePresenceItem) } };
}

export async function unsubscribePresence(request: Request, p: { usernames: UserId[] }): Promise<void> {
  await request('presence.unsubscribe', { users: usernames(p?.usernames) });
}

export async function getSubscribedPresencelist(
  request: Request,
  p: { pageNum: number; pageSize: number },
): Promise<AsyncResult<GetSubscribedPresenceListResult>> {
  const page = p?.pageNum ?? 1;
  const pageSize = p?.pageSize ?? 20;
  if (!Number.isInteger(page) || page < 1) throw invalid('pageNum must be an integer from 1', { field: 'pageNum' });
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100)
    throw invalid('pageSize must be an integer from 1 to 100', { field: 'pageSize' });
  const res = await request('presence.subscriptions', { page, pageSize });
  const sublist = res.subs.map((s) => ({ uid: s.user, expiry: seconds(s.expiresAt) }));
  return { type: 0, data: { result: { sublist, totalnum: res.total } } };
}

export async function getPresenceStatus(
  request: Request,
  p: { usernames: UserId[] },
): Promise<AsyncResult<SubscribePresenceResult>> {
  const res = await request('presence.get', { users: usernames(p?.usernames) });
  return { type: 0, data: { result: res.presences.map(subscribePresenceItem) } };
}
