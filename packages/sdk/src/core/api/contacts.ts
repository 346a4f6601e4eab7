/** Friends and the block list: Easemob 4.x calls on top of Pigeon's contact.* and block.* ops. */
import type { ContactEvent } from '@pigeon/protocol';
import type { Request } from '../conversations.js';
import { invalid } from '../errors.js';
import type { AsyncResult } from '../types.js';
import type { ContactItem, ContactMsgBody, CursorContactsResult, OperateResult, UserId } from './contact-types.js';

const user = (v: unknown, field: string): string => {
  if (typeof v !== 'string' || !v) throw invalid(`${field} must be a user name`, { field });
  return v;
};

export async function addContact(request: Request, to: string, message?: string): Promise<void> {
  if (message !== undefined && typeof message !== 'string')
    throw invalid('message must be a string', { field: 'message' });
  await request('contact.add', message ? { user: user(to, 'to'), message } : { user: user(to, 'to') });
}

export async function deleteContact(request: Request, to: string): Promise<void> {
  await request('contact.delete', { user: user(to, 'to') });
}

export async function acceptContactInvite(request: Request, to: string): Promise<void> {
  await request('contact.accept', { user: user(to, 'to') });
}

export async function declineContactInvite(request: Request, to: string): Promise<void> {
  await request('contact.decline', { user: user(to, 'to') });
}

export async function getContactsWithCursor(
  request: Request,
  p: { pageSize?: number; cursor?: string } = {},
): Promise<AsyncResult<CursorContactsResult>> {
  const limit = p.pageSize ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > 50)
    throw invalid('pageSize must be an integer from 1 to 50', { field: 'pageSize' });
  const res = await request('contact.list', p.cursor ? { cursor: p.cursor, limit } : { limit });
  const contacts = res.contacts.map((c) => ({ userId: c.user, remark: c.remark }));
  return { type: 0, data: { cursor: res.cursor ?? '', contacts } };
}

export async function getAllContacts(request: Request): Promise<AsyncResult<ContactItem[]>> {
  const all: ContactItem[] = [];
  let cursor = '';
  do {
    const page = await getContactsWithCursor(request, { pageSize: 50, cursor });
    all.push(...page.data.contacts);
    cursor = page.data.cursor ?? '';
  } while (cursor);
  return { type: 0, data: all };
}

/** Easemob's getContacts: the friends' names. */
export async function getContacts(request: Request): Promise<AsyncResult<UserId[]>> {
  const all = await getAllContacts(request);
  return { type: 0, data: all.data.map((c) => c.userId) };
}

export async function setContactRemark(request: Request, p: { userId: UserId; remark: string }): Promise<void> {
  if (typeof p?.remark !== 'string') throw invalid('remark must be a string', { field: 'remark' });
  await request('contact.remark', { user: user(p.userId, 'userId'), remark: p.remark });
}

const names = (v: unknown): string[] => {
  const list = Array.isArray(v) ? v : [v];
  if (list.length === 0) throw invalid('name must be a user name or a list of them', { field: 'name' });
  return list.map((n) => user(n, 'name'));
};

export async function addUsersToBlocklist(
  request: Request,
  p: { name: UserId | UserId[] },
): Promise<AsyncResult<OperateResult>> {
  const res = await request('block.add', { users: names(p?.name) });
  return { type: 0, data: { userIds: res.users } };
}

export async function removeUserFromBlocklist(request: Request, p: { name: UserId | UserId[] }): Promise<void> {
  await request('block.remove', { users: names(p?.name) });
}

export async function getBlocklist(request: Request): Promise<AsyncResult<UserId[]>> {
  return { type: 0, data: (await request('block.list', {})).users };
}

const CONTACT_EVENTS = {
  invite: ['onContactInvited', 'subscribe'],
  accept: ['onContactAgreed', 'subscribed'],
  decline: ['onContactRefuse', 'unsubscribed'],
  add: ['onContactAdded', 'subscribed'],
  delete: ['onContactDeleted', 'unsubscribed'],
} as const;

/** A contact-log entry as the Easemob handler it goes to and its body. */
export function contactEvent(
  e: ContactEvent,
): [(typeof CONTACT_EVENTS)[keyof typeof CONTACT_EVENTS][0], ContactMsgBody] {
  const [handler, type] = CONTACT_EVENTS[e.op];
  const body: ContactMsgBody = { type, from: e.from, to: e.to, seq: e.seq, time: e.ts };
  if (e.message !== undefined) body.status = e.message;
  return [handler, body];
}
