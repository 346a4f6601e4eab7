/**
 * Friends, friend requests and profiles (nickname, signature) of the demo's user, on the SDK's contact
 * calls (addContact, acceptContactInvite, getAllContacts) and user attributes (updateUserInfo,
 * fetchUserInfoById). Requests that arrived while offline come back through the SDK's contact sync.
 */
import type SDK from '@pigeon/sdk/web';
import type { EventHandlers } from '@pigeon/sdk/web';
import { reactive } from 'vue';

type Connection = InstanceType<typeof SDK.connection>;
type ContactMsgBody = Parameters<NonNullable<EventHandlers['onContactInvited']>>[0];
type UserInfoChange = Parameters<NonNullable<EventHandlers['onUserInfoChange']>>[0];

export interface Profile {
  nickname?: string;
  sign?: string;
}

export const contacts = reactive({
  friends: [] as string[],
  /** Who asked to be friends, with their message, newest last. */
  requests: [] as { from: string; message: string }[],
  /** What this user asked, still unanswered (this session). */
  asked: [] as string[],
  profiles: {} as Record<string, Profile>,
});

let conn: Connection | undefined;

const other = (e: ContactMsgBody): string => e.from;

async function reloadFriends(): Promise<void> {
  if (!conn) return;
  const res = await conn.getAllContacts();
  contacts.friends = res.data.map((c) => c.userId).sort();
  await loadProfiles(contacts.friends);
}

const dropRequest = (user: string) => (contacts.requests = contacts.requests.filter((r) => r.from !== user));
const dropAsked = (user: string) => (contacts.asked = contacts.asked.filter((u) => u !== user));

/** Registers the contact and profile handlers on a new connection. */
export function installContacts(c: Connection): void {
  conn = c;
  const changed = (e: ContactMsgBody) => {
    dropRequest(other(e));
    dropAsked(other(e));
    void reloadFriends();
  };
  c.addEventHandler('demo-contacts', {
    onContactInvited: (e) => {
      dropRequest(other(e));
      contacts.requests.push({ from: other(e), message: e.status ?? '' });
      void loadProfiles([other(e)]);
    },
    onContactAgreed: changed,
    onContactAdded: changed,
    onContactDeleted: changed,
    onContactRefuse: changed,
    onUserInfoChange: (i: UserInfoChange) => {
      contacts.profiles[i.userId] = i.cleared ? {} : { ...contacts.profiles[i.userId], ...i.changes };
    },
  });
}

export async function loadContacts(): Promise<void> {
  await reloadFriends();
}

export function resetContacts(): void {
  Object.assign(contacts, { friends: [], requests: [], asked: [], profiles: {} });
}

/** Nicknames and signatures of these users, fetched once each. */
export async function loadProfiles(users: string[]): Promise<void> {
  const missing = [...new Set(users)].filter((u) => !(u in contacts.profiles) && !u.includes(':'));
  if (!conn || missing.length === 0) return;
  for (const u of missing) contacts.profiles[u] = {};
  const res = await conn.fetchUserInfoById(missing, ['nickname', 'sign']).catch(() => undefined);
  for (const [u, p] of Object.entries(res?.data ?? {})) contacts.profiles[u] = { nickname: p.nickname, sign: p.sign };
}

/** A user as shown: the nickname when set, else the user name. */
export const displayName = (user: string): string => contacts.profiles[user]?.nickname || user;

export async function askFriend(user: string, message: string): Promise<void> {
  await conn!.addContact(user, message);
  if (!contacts.asked.includes(user)) contacts.asked.push(user);
}

export async function answer(user: string, accept: boolean): Promise<void> {
  if (accept) await conn!.acceptContactInvite(user);
  else await conn!.declineContactInvite(user);
  dropRequest(user);
  if (accept) await reloadFriends();
}

export async function unfriend(user: string): Promise<void> {
  await conn!.deleteContact(user);
  await reloadFriends();
}

/** Saves this user's nickname and signature ('' removes one). */
export async function saveProfile(me: string, p: Required<Profile>): Promise<void> {
  await conn!.updateUserInfo({ nickname: p.nickname, sign: p.sign });
  contacts.profiles[me] = { ...p };
}
