/**
 * Group and chatroom allowlists (Easemob's whitelists) through the SDK: members on them speak while
 * everyone is muted; only the owner and admins manage them; every refusal has its typed error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection, startEnv, text, until, type Env, type Inbox, type Json } from './env.js';

let env: Env;
beforeAll(async () => {
  env = await startEnv();
});
afterAll(() => env.close());

const ops = (inbox: Inbox, name: 'onGroupEvent' | 'onChatroomEvent') => inbox.of<Json>(name).map((e) => e.operation);

describe('group allowlist', () => {
  it('lets listed members speak while the group is muted; owner and admins manage it', async () => {
    const [owner, ann, ben, out] = await env.users(4, 'al');
    const [o, a, b, x] = await Promise.all([owner!, ann!, ben!, out!].map((u) => env.login(u)));
    const gid = (await o!.conn.createGroup({ data: { groupname: 'Quiet', public: false, members: [ann!, ben!] } })).data
      .groupid;
    await o!.conn.disableSendGroupMsg({ groupId: gid });
    expect(await rejection(a!.conn.send(text(gid, 'muted', 'groupChat')))).toMatchObject({ type: 'MUTED' });

    const added = await o!.conn.addUsersToGroupAllowlist({ groupId: gid, users: [ann!, out!] });
    expect(added.data).toEqual([
      { action: 'add_user_whitelist', groupid: gid, result: true, user: ann },
      { action: 'add_user_whitelist', groupid: gid, result: false, user: out },
    ]);
    await until(() => ops(a!.inbox, 'onGroupEvent').includes('addUserToAllowlist'), 'ann told');
    await a!.conn.send(text(gid, 'allowed to speak', 'groupChat'));
    await until(() => b!.inbox.texts().includes('allowed to speak'), 'ben hears ann');
    expect(await rejection(b!.conn.send(text(gid, 'still muted', 'groupChat')))).toMatchObject({
      type: 'MUTED',
      details: { all: true },
    });
    expect((await o!.conn.getGroupAllowlist({ groupId: gid })).data).toEqual([ann]);
    expect((await a!.conn.isInGroupAllowlist({ groupId: gid, userName: ann! })).data).toEqual({
      member: ann,
      white: true,
    });

    for (const p of [
      b!.conn.isInGroupAllowlist({ groupId: gid, userName: ann! }),
      b!.conn.getGroupAllowlist({ groupId: gid }),
      b!.conn.addUsersToGroupAllowlist({ groupId: gid, users: [ben!] }),
      b!.conn.removeGroupAllowlistMember({ groupId: gid, userName: ann! }),
    ])
      expect(await rejection(p)).toMatchObject({ type: 'ROLE_REQUIRED', code: 3021 });
    expect(await rejection(x!.conn.getGroupAllowlist({ groupId: gid }))).toMatchObject({ type: 'NOT_A_MEMBER' });
    expect(await rejection(o!.conn.addUsersToGroupAllowlist({ groupId: gid, users: ['no-such-user'] }))).toMatchObject({
      type: 'USER_NOT_FOUND',
    });

    expect((await o!.conn.removeGroupAllowlistMember({ groupId: gid, userName: ann! })).data).toEqual({
      action: 'remove_user_whitelist',
      groupid: gid,
      result: true,
      user: ann,
    });
    await until(() => ops(a!.inbox, 'onGroupEvent').includes('removeAllowlistMember'), 'ann told again');
    expect(await rejection(a!.conn.send(text(gid, 'muted again', 'groupChat')))).toMatchObject({ type: 'MUTED' });

    // Leaving the group takes a member off the list.
    await o!.conn.addUsersToGroupAllowlist({ groupId: gid, users: [ann!] });
    await a!.conn.leaveGroup({ groupId: gid });
    await o!.conn.inviteUsersToGroup({ groupId: gid, users: [ann!] });
    expect((await o!.conn.getGroupAllowlist({ groupId: gid })).data).toEqual([]);
  });
});

describe('chatroom allowlist', () => {
  it('lets listed users speak while the room is muted; owner and admins manage it', async () => {
    const [owner, ann, ben] = await env.users(3, 'am');
    const rid = (await env.rest('POST', '/chatrooms', { name: 'Hall', owner })).body.data.id as string;
    const [o, a, b] = await Promise.all([owner!, ann!, ben!].map((u) => env.login(u)));
    for (const c of [o!, a!, b!]) await c.conn.joinChatRoom({ roomId: rid });
    await o!.conn.disableSendChatRoomMsg({ chatRoomId: rid });
    expect(await rejection(a!.conn.send(text(rid, 'muted', 'chatRoom')))).toMatchObject({ type: 'MUTED' });

    expect((await o!.conn.addUsersToChatRoomAllowlist({ chatRoomId: rid, users: [ann!] })).data).toEqual([
      { result: true, action: 'add_user_whitelist', user: ann, id: rid },
    ]);
    await until(() => ops(a!.inbox, 'onChatroomEvent').includes('addUserToAllowlist'), 'ann told');
    await a!.conn.send(text(rid, 'room speech', 'chatRoom'));
    await until(() => b!.inbox.texts().includes('room speech'), 'ben hears ann');
    expect(await rejection(b!.conn.send(text(rid, 'nope', 'chatRoom')))).toMatchObject({ type: 'MUTED' });
    expect((await o!.conn.getChatRoomAllowlist({ chatRoomId: rid })).data).toEqual([ann]);
    expect((await a!.conn.isInChatRoomAllowlist({ chatRoomId: rid, userName: ann! })).data).toEqual({
      member: ann,
      white: true,
    });
    for (const p of [
      b!.conn.getChatRoomAllowlist({ chatRoomId: rid }),
      b!.conn.isInChatRoomAllowlist({ chatRoomId: rid, userName: ann! }),
      b!.conn.addUsersToChatRoomAllowlist({ chatRoomId: rid, users: [ben!] }),
    ])
      expect(await rejection(p)).toMatchObject({ type: 'ROLE_REQUIRED', code: 3021 });

    const removed = await o!.conn.removeChatRoomAllowlistMember({ chatRoomId: rid, userName: ann! });
    expect(removed.data).toMatchObject({ result: true, action: 'remove_user_whitelist', user: ann });
    const again = await o!.conn.removeChatRoomAllowlistMember({ chatRoomId: rid, userName: ann! });
    expect(again.data).toMatchObject({ result: false, reason: 'not on the allowlist' });
    expect(await rejection(a!.conn.send(text(rid, 'muted again', 'chatRoom')))).toMatchObject({ type: 'MUTED' });
  });
});

describe('allowlists over REST (Easemob paths and envelopes)', () => {
  const ok = async (method: string, path: string, body?: unknown): Promise<Json> => {
    const r = await env.rest(method, path, body);
    if (r.status !== 200) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };

  it('chatgroups/{id}/white/users: add one, add several, list, remove; non-members refused per user', async () => {
    const [owner, a, b, out] = await env.users(4, 'aw');
    const gid = (await ok('POST', '/chatgroups', { groupname: 'W', owner, members: [a, b] })).data.groupid;
    expect((await ok('POST', `/chatgroups/${gid}/white/users/${a}`)).data).toEqual({
      result: true,
      action: 'add_user_whitelist',
      user: a,
      groupid: gid,
    });
    expect((await ok('POST', `/chatgroups/${gid}/white/users`, { usernames: [b, out] })).data).toEqual([
      { result: true, action: 'add_user_whitelist', user: b, groupid: gid },
      { result: false, action: 'add_user_whitelist', user: out, groupid: gid, reason: 'not a member' },
    ]);
    expect((await ok('GET', `/chatgroups/${gid}/white/users`)).data).toEqual([a, b].sort());
    expect((await ok('DELETE', `/chatgroups/${gid}/white/users/${a},${b}`)).data).toEqual([
      { result: true, action: 'remove_user_whitelist', user: a, groupid: gid },
      { result: true, action: 'remove_user_whitelist', user: b, groupid: gid },
    ]);
    expect((await ok('GET', `/chatgroups/${gid}/white/users`)).data).toEqual([]);
    expect(await env.rest('GET', '/chatgroups/999999/white/users')).toMatchObject({
      status: 404,
      body: { name: 'GROUP_NOT_FOUND' },
    });
  });

  it('chatrooms/{id}/white/users: add, list, remove', async () => {
    const [owner, a] = await env.users(2, 'ax');
    const rid = (await ok('POST', '/chatrooms', { name: 'W', owner })).data.id;
    expect((await ok('POST', `/chatrooms/${rid}/white/users`, { usernames: [a] })).data).toEqual([
      { result: true, action: 'add_user_whitelist', user: a, chatroomid: rid },
    ]);
    expect((await ok('GET', `/chatrooms/${rid}/white/users`)).data).toEqual([a]);
    expect((await ok('DELETE', `/chatrooms/${rid}/white/users/${a}`)).data).toEqual({
      result: true,
      action: 'remove_user_whitelist',
      user: a,
      chatroomid: rid,
    });
    expect(await env.rest('POST', `/chatrooms/${rid}/white/users`, { usernames: [] })).toMatchObject({
      status: 400,
      body: { name: 'BAD_REQUEST' },
    });
  });
});
