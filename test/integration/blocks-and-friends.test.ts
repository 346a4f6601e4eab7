// Block lists and the "friends required for 1:1" setting, through the real SDK: refusals are typed
// and nothing refused is ever stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import SDK from '@pigeon/sdk';
import { singleKey } from '@pigeon/protocol';
import { startEnv, type TestEnv } from '../helpers/env.js';
import { waitFor } from '../helpers/wait.js';

let env: TestEnv;
beforeAll(async () => {
  env = await startEnv();
  await env.users('amy', 'bob', 'cid', 'deb', 'eli', 'flo');
});
afterAll(() => env.close());

const txt = (to: string, msg: string) => SDK.message.create({ type: 'txt', chatType: 'singleChat', to, msg });
const cmd = (to: string) => SDK.message.create({ type: 'cmd', chatType: 'singleChat', to, action: 'typing' });
const stored = async (a: string, b: string) => {
  const app = await env.srv.core.apps.get(env.srv.defaultApp!.appKey);
  return env.srv.core.repos.messages.range(app.id, singleKey(a, b), { afterSeq: 0, limit: 100, order: 'asc' });
};

describe('block list', () => {
  it("a blocked user's 1:1 messages are refused with BLOCKED and nothing is stored; the blocker still writes to them", async () => {
    await env.srv.addFriendship(env.srv.defaultApp!.appKey, 'amy', 'bob');
    const amy = await env.login('amy');
    const bob = await env.login('bob');
    await bob.conn.send(txt('amy', 'before'));
    await waitFor(() => amy.inbox.texts().includes('before'), 'first message');
    const r = await amy.conn.addUsersToBlocklist({ name: 'bob' });
    expect(r.data).toEqual({ userIds: ['bob'] });
    await expect(bob.conn.send(txt('amy', 'blocked text'))).rejects.toMatchObject({ type: 'BLOCKED', code: 3005 });
    await expect(bob.conn.send(cmd('amy'))).rejects.toMatchObject({ type: 'BLOCKED' });
    expect((await stored('amy', 'bob')).map((m) => (m.body as { text: string }).text)).toEqual(['before']);
    // Blocking does not end the friendship (as Easemob), and it is one-way.
    expect((await amy.conn.getContacts()).data).toEqual(['bob']);
    expect((await bob.conn.getContacts()).data).toEqual(['amy']);
    await amy.conn.send(txt('bob', 'from the blocker'));
    await waitFor(() => bob.inbox.texts().includes('from the blocker'), 'blocker writes');
    expect((await amy.conn.getBlocklist()).data).toEqual(['bob']);
    await amy.conn.removeUserFromBlocklist({ name: 'bob' });
    expect((await amy.conn.getBlocklist()).data).toEqual([]);
    await bob.conn.send(txt('amy', 'after unblock'));
    await waitFor(() => amy.inbox.texts().includes('after unblock'), 'unblocked');
    expect(amy.inbox.texts()).not.toContain('blocked text');
    await Promise.all([amy.conn.close(), bob.conn.close()]);
  });

  it("a blocked user's friend request is refused with BLOCKED; legacy names and lists of users work", async () => {
    const cid = await env.login('cid');
    const deb = await env.login('deb');
    await cid.conn.addToBlackList({ name: ['deb', 'eli'] });
    expect((await cid.conn.getBlacklist()).data).toEqual(['deb', 'eli']);
    await expect(deb.conn.addContact('cid', 'hello?')).rejects.toMatchObject({ type: 'BLOCKED' });
    expect(cid.inbox.of('onContactInvited')).toEqual([]);
    await cid.conn.removeFromBlackList({ name: ['deb', 'eli'] });
    await cid.conn.addUsersToBlacklist({ name: 'eli' });
    await cid.conn.removeUserFromBlackList({ name: 'eli' });
    expect((await cid.conn.getBlocklist()).data).toEqual([]);
    await Promise.all([cid.conn.close(), deb.conn.close()]);
  });

  it('blocking oneself, unknown users, bad names and empty lists get typed errors', async () => {
    const cid = await env.login('cid');
    await expect(cid.conn.addUsersToBlocklist({ name: 'cid' })).rejects.toMatchObject({ type: 'BAD_REQUEST' });
    await expect(cid.conn.addUsersToBlocklist({ name: ['deb', 'ghost'] })).rejects.toMatchObject({
      type: 'USER_NOT_FOUND',
      details: { user: 'ghost' },
    });
    expect((await cid.conn.getBlocklist()).data).toEqual([]); // nothing half-done
    await expect(cid.conn.addUsersToBlocklist({ name: ['deb', 'no way'] })).rejects.toMatchObject({
      type: 'BAD_REQUEST',
      details: { path: '/users/1' },
    });
    await expect(cid.conn.addUsersToBlocklist({ name: [] })).rejects.toMatchObject({ type: 'INVALID_ARGUMENT' });
    await expect(cid.conn.removeUserFromBlocklist({ name: 5 as never })).rejects.toMatchObject({
      type: 'INVALID_ARGUMENT',
    });
    await cid.conn.close();
  });
});

describe('friends required for 1:1', () => {
  it('refused with NOT_FRIENDS (nothing stored) until the request is accepted, then allowed', async () => {
    const app = await env.srv.createApp({
      org: 'strict',
      name: 'app',
      settings: { openRegistration: true, friendsRequired: true },
    });
    for (const u of ['eli', 'flo']) {
      const res = await fetch(`${env.srv.httpUrl}/strict/app/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: u, password: `pw-${u}` }),
      });
      expect(res.status).toBe(200);
    }
    const eli = await env.login('eli', { appKey: app.appKey });
    const flo = await env.login('flo', { appKey: app.appKey });
    await expect(eli.conn.send(txt('flo', 'too early'))).rejects.toMatchObject({ type: 'NOT_FRIENDS', code: 3004 });
    const strict = await env.srv.core.apps.get(app.appKey);
    expect(
      await env.srv.core.repos.messages.range(strict.id, singleKey('eli', 'flo'), {
        afterSeq: 0,
        limit: 10,
        order: 'asc',
      }),
    ).toEqual([]);
    await eli.conn.addContact('flo', 'may I?');
    await waitFor(() => flo.inbox.of('onContactInvited').length === 1, 'invite');
    await expect(eli.conn.send(txt('flo', 'still pending'))).rejects.toMatchObject({ type: 'NOT_FRIENDS' });
    await flo.conn.acceptContactInvite('eli');
    await waitFor(() => eli.inbox.of('onContactAdded').length === 1, 'friends');
    await eli.conn.send(txt('flo', 'now we talk'));
    await flo.conn.send(txt('eli', 'yes'));
    await waitFor(() => flo.inbox.texts().includes('now we talk') && eli.inbox.texts().includes('yes'), 'both ways');
    expect(flo.inbox.texts()).toEqual(['now we talk']);
    // Deleting the friendship closes the conversation again.
    await flo.conn.deleteContact('eli');
    await waitFor(() => eli.inbox.of('onContactDeleted').length === 1, 'deleted');
    await expect(eli.conn.send(txt('flo', 'after delete'))).rejects.toMatchObject({ type: 'NOT_FRIENDS' });
    await Promise.all([eli.conn.close(), flo.conn.close()]);
  });
});
