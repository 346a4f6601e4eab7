/** Groups and chatrooms from the Easemob Web SDK: REST management, group chat, chatroom join and broadcast. */
import SDK from '@pigeon/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inbox } from '../helpers/env.js';
import { waitFor } from '../helpers/wait.js';
import { loadEasemobWeb, type EmAny } from './easemob-web.js';
import { startEmEnv, type EmEnv } from './em-env.js';

let env: EmEnv;
const EC = loadEasemobWeb();
let alice: { conn: EmAny; inbox: Inbox };
let carol: { conn: EmAny; inbox: Inbox };
let bob: Awaited<ReturnType<EmEnv['login']>>;

beforeAll(async () => {
  env = await startEmEnv();
  await env.users('alice', 'bob', 'carol');
  alice = await env.emLogin('alice');
  carol = await env.emLogin('carol');
  bob = await env.login('bob');
});
afterAll(() => env.close());

describe('groups', () => {
  let groupId = '';

  it('createGroup with members, then a group message reaches Easemob and Pigeon members', async () => {
    const res = await alice.conn.createGroup({
      data: {
        groupname: 'team',
        desc: 'd',
        members: ['bob'],
        public: true,
        approval: false,
        allowinvites: true,
        inviteNeedConfirm: false,
        maxusers: 200,
      },
    });
    groupId = res.data.groupid;
    expect(groupId).toBeTruthy();
    const r = await alice.conn.send(
      EC.message.create({ type: 'txt', chatType: 'groupChat', to: groupId, msg: 'hi team' }),
    );
    const got = await waitFor(() => bob.inbox.messages().find((m) => m.id === r.serverMsgId) as EmAny, 'bob gets it');
    expect(got).toMatchObject({ from: 'alice', to: groupId, chatType: 'groupChat', msg: 'hi team' });
  });

  it('joinGroup (public, open), a Pigeon member message reaches the Easemob members', async () => {
    await carol.conn.joinGroup({ groupId, message: 'let me in' });
    await bob.conn.send(SDK.message.create({ type: 'txt', chatType: 'groupChat', to: groupId, msg: 'welcome' }));
    for (const u of [alice, carol]) {
      const m = await waitFor(() => u.inbox.messages().find((x) => x.msg === 'welcome') as EmAny, 'welcome');
      expect(m).toMatchObject({ from: 'bob', to: groupId, chatType: 'groupChat' });
    }
  });

  it('getJoinedGroups and getGroupInfo', async () => {
    const joined = await carol.conn.getJoinedGroups({ pageNum: 0, pageSize: 20 });
    expect(joined.data.map((g: EmAny) => g.groupid)).toContain(groupId);
    const info = await carol.conn.getGroupInfo({ groupId });
    expect(info.data[0]).toMatchObject({ id: groupId, name: 'team' });
  });

  it('leaveGroup: no more group messages', async () => {
    await carol.conn.leaveGroup({ groupId });
    await expect(
      carol.conn.send(EC.message.create({ type: 'txt', chatType: 'groupChat', to: groupId, msg: 'still here?' })),
    ).rejects.toMatchObject({ type: 602 });
  });
});

describe('group REST with a user token', () => {
  it("may not create a group for another owner nor read another user's groups", async () => {
    const token = await env.srv.core.auth.userToken(
      await env.srv.core.apps.get(env.srv.defaultApp!.appKey),
      await env.srv.core.users.get(await env.srv.core.apps.get(env.srv.defaultApp!.appKey), 'carol'),
    );
    const other = await rest('POST', '/chatgroups', { token: token.token, body: { groupname: 'x', owner: 'alice' } });
    expect(other).toMatchObject({ status: 403, body: { name: 'FORBIDDEN' } });
    const joined = await rest('GET', '/users/alice/joined_chatgroups', { token: token.token });
    expect(joined).toMatchObject({ status: 403, body: { name: 'FORBIDDEN' } });
  });
});

describe('chatrooms', () => {
  it('joinChatRoom over the socket, then a broadcast reaches everyone in the room', async () => {
    const room = await rest('POST', '/chatrooms', {
      token: await adminToken(),
      body: { name: 'lobby', description: 'x', owner: 'bob', maxusers: 100 },
    });
    const roomId = room.body.data.id as string;
    await alice.conn.joinChatRoom({ roomId });
    await carol.conn.joinChatRoom({ roomId });
    await bob.conn.joinChatRoom({ roomId });
    await alice.conn.send(EC.message.create({ type: 'txt', chatType: 'chatRoom', to: roomId, msg: 'hello room' }));
    const got = await waitFor(() => bob.inbox.messages().find((m) => m.msg === 'hello room') as EmAny, 'bob');
    expect(got).toMatchObject({ from: 'alice', chatType: 'chatRoom', to: roomId });
    await waitFor(() => carol.inbox.messages().find((m) => m.msg === 'hello room'), 'carol');
    await bob.conn.send(SDK.message.create({ type: 'txt', chatType: 'chatRoom', to: roomId, msg: 'from pigeon' }));
    await waitFor(() => alice.inbox.messages().find((m) => m.msg === 'from pigeon'), 'alice');
    await alice.conn.leaveChatRoom({ roomId });
  });
});

async function rest(
  method: string,
  path: string,
  o: { token?: string; body?: unknown } = {},
): Promise<{ status: number; body: EmAny }> {
  const res = await fetch(`${env.srv.httpUrl}/${env.srv.defaultApp!.appKey.replace('#', '/')}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(o.token ? { authorization: `Bearer ${o.token}` } : {}) },
    ...(o.body === undefined ? {} : { body: JSON.stringify(o.body) }),
  });
  return { status: res.status, body: await res.json() };
}

async function adminToken(): Promise<string> {
  const app = await env.srv.core.apps.get(env.srv.defaultApp!.appKey);
  const res = await rest('POST', '/token', {
    body: { grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret },
  });
  return res.body.access_token as string;
}
