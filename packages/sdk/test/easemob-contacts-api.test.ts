// The contacts, user-attribute and presence calls keep Easemob Web SDK 4.x's names and accept its
// arguments: checked by the type checker against easemob-websdk's Easemob-chat.d.ts (names and
// shapes only), and at run time on a real connection object.
import type { EasemobChat } from 'easemob-websdk';
import { describe, expect, it } from 'vitest';
import SDK from '@pigeon/sdk';

type Easemob = EasemobChat.Connection;
type Ours = InstanceType<typeof SDK.connection>;

const NAMES = [
  'addContact',
  'deleteContact',
  'acceptContactInvite',
  'acceptInvitation',
  'declineContactInvite',
  'declineInvitation',
  'getContacts',
  'getAllContacts',
  'getContactsWithCursor',
  'setContactRemark',
  'addUsersToBlocklist',
  'addUsersToBlacklist',
  'addToBlackList',
  'removeUserFromBlocklist',
  'removeUserFromBlackList',
  'removeFromBlackList',
  'getBlocklist',
  'getBlacklist',
  'updateOwnUserInfo',
  'updateUserInfo',
  'fetchUserInfoById',
  'publishPresence',
  'subscribePresence',
  'unsubscribePresence',
  'getSubscribedPresencelist',
  'getSubscribedPresenceList',
  'getPresenceStatus',
] as const satisfies readonly (keyof Easemob & keyof Ours)[];

type Name = (typeof NAMES)[number];
/** Every call as Easemob's typings let an app make it must type-check against ours. */
type AcceptsEasemobArguments = { [K in Name]: (...args: Parameters<Easemob[K]>) => Promise<unknown> };
const acceptsEasemobArguments = (c: Ours): AcceptsEasemobArguments => c;

type Handlers = Parameters<Ours['addEventHandler']>[1];
const EVENTS = [
  'onContactInvited',
  'onContactAgreed',
  'onContactRefuse',
  'onContactDeleted',
  'onContactAdded',
  'onPresenceStatusChange',
] as const satisfies readonly (keyof EasemobChat.EventHandlerType & keyof Handlers)[];

describe('Easemob 4.x contacts, attributes and presence API', () => {
  it('a connection has every call, each returning a promise', () => {
    const conn = new SDK.connection({ appKey: 'org#app', url: 'ws://127.0.0.1:1/ws', apiUrl: 'http://127.0.0.1:1' });
    const calls = acceptsEasemobArguments(conn);
    for (const name of NAMES) expect(typeof calls[name], name).toBe('function');
    const pending = calls.getContacts();
    expect(pending).toBeInstanceOf(Promise);
    return expect(pending).rejects.toMatchObject({ type: 'NOT_CONNECTED' });
  });

  it('the event handler names are those of Easemob', () => {
    const seen: string[] = [];
    const handlers: Handlers = Object.fromEntries(EVENTS.map((e) => [e, () => seen.push(e)]));
    expect(Object.keys(handlers)).toEqual([...EVENTS]);
  });
});
