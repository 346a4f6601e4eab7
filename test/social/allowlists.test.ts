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
