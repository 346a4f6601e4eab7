/** Every group refusal, through the SDK, with the typed error (name and code) it gets. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection, startEnv, text, type Conn, type Env } from './env.js';

let env: Env;
let owner: Conn, admin: Conn, member: Conn, outsider: Conn;
let names: string[];
let gid: string;

beforeAll(async () => {
  env = await startEnv();
  names = await env.users(5, 'gp');
  [owner, admin, member, outsider] = await Promise.all(names.slice(0, 4).map(async (u) => (await env.login(u)).conn));
  gid = (
    await owner.createGroup({ data: { groupname: 'P', members: [names[1]!, names[2]!], public: false, maxusers: 4 } })
  ).data.groupid;
  await owner.setGroupAdmin({ groupId: gid, username: names[1]! });
});
afterAll(() => env.close());

const expectError = async (p: Promise<unknown>, type: string, code: number) =>
  expect(await rejection(p)).toMatchObject({ type, code });

describe('group permissions', () => {
  it('a non-member may not send, read history, list a private group or see it', async () => {
    await expectError(outsider.send(text(gid, 'hi', 'groupChat')), 'NOT_A_MEMBER', 3020);
    await expectError(outsider.getHistoryMessages({ targetId: gid, chatType: 'groupChat' }), 'NOT_A_MEMBER', 3020);
    await expectError(outsider.listGroupMembers({ groupId: gid, pageNum: 1, pageSize: 10 }), 'NOT_A_MEMBER', 3020);
    await expectError(outsider.getGroupInfo({ groupId: gid }), 'NOT_A_MEMBER', 3020);
    await expectError(outsider.fetchGroupAnnouncement({ groupId: gid }), 'NOT_A_MEMBER', 3020);
    await expectError(outsider.leaveGroup({ groupId: gid }), 'NOT_A_MEMBER', 3020);
  });

  it('joining a private group directly is refused; an existing member cannot join again', async () => {
    await expectError(outsider.joinGroup({ groupId: gid }), 'JOIN_NOT_ALLOWED', 3023);
    await expectError(member.joinGroup({ groupId: gid }), 'ALREADY_MEMBER', 4023);
  });

  it('a member may not remove, mute, block, modify, destroy, invite (allowinvites off) or see the mute list', async () => {
    await expectError(member.removeGroupMember({ groupId: gid, username: names[1]! }), 'ROLE_REQUIRED', 3021);
    await expectError(
      member.muteGroupMember({ groupId: gid, username: names[1]!, muteDuration: 1000 }),
      'ROLE_REQUIRED',
      3021,
    );
    await expectError(member.blockGroupMember({ groupId: gid, username: names[1]! }), 'ROLE_REQUIRED', 3021);
    await expectError(member.modifyGroup({ groupId: gid, groupName: 'x' }), 'ROLE_REQUIRED', 3021);
    await expectError(member.destroyGroup({ groupId: gid }), 'ROLE_REQUIRED', 3021);
    await expectError(member.inviteUsersToGroup({ groupId: gid, users: [names[3]!] }), 'ROLE_REQUIRED', 3021);
    await expectError(member.getGroupMuteList({ groupId: gid }), 'ROLE_REQUIRED', 3021);
    await expectError(member.getGroupBlocklist({ groupId: gid }), 'ROLE_REQUIRED', 3021);
    await expectError(member.disableSendGroupMsg({ groupId: gid }), 'ROLE_REQUIRED', 3021);
    await expectError(member.updateGroupAnnouncement({ groupId: gid, announcement: 'x' }), 'ROLE_REQUIRED', 3021);
    const other = { groupId: gid, userId: names[1]!, memberAttributes: { a: 'b' } };
    await expectError(member.setGroupMemberAttributes(other), 'ROLE_REQUIRED', 3021);
  });

  it('an admin may not act on the owner or another admin, appoint admins, transfer or destroy', async () => {
    const e = await rejection(admin.removeGroupMember({ groupId: gid, username: names[0]! }));
    expect(e).toMatchObject({ type: 'ROLE_REQUIRED', details: { user: names[0], role: 'admin' } });
    await expectError(
      admin.muteGroupMember({ groupId: gid, username: names[0]!, muteDuration: 1000 }),
      'ROLE_REQUIRED',
      3021,
    );
    await expectError(admin.setGroupAdmin({ groupId: gid, username: names[2]! }), 'ROLE_REQUIRED', 3021);
    await expectError(admin.changeGroupOwner({ groupId: gid, newOwner: names[1]! }), 'ROLE_REQUIRED', 3021);
    await expectError(admin.destroyGroup({ groupId: gid }), 'ROLE_REQUIRED', 3021);
  });

  it('the owner cannot leave, nor transfer to a non-member; nobody can remove themselves', async () => {
    await expectError(owner.leaveGroup({ groupId: gid }), 'OWNER_CANNOT_LEAVE', 3026);
    await expectError(owner.changeGroupOwner({ groupId: gid, newOwner: names[3]! }), 'NOT_A_MEMBER', 3020);
    await expectError(admin.removeGroupMember({ groupId: gid, username: names[1]! }), 'BAD_REQUEST', 1003);
  });

  it('a muted member may not speak until unmuted; with everyone muted only the owner and admins speak', async () => {
    await owner.muteGroupMember({ groupId: gid, username: names[2]!, muteDuration: 60_000 });
    const e = await rejection(member.send(text(gid, 'muted?', 'groupChat')));
    expect(e).toMatchObject({ type: 'MUTED', code: 3022, details: { expire: expect.any(Number) } });
    await owner.unmuteGroupMember({ groupId: gid, username: names[2]! });
    await member.send(text(gid, 'free again', 'groupChat'));
    await admin.disableSendGroupMsg({ groupId: gid });
    expect(await rejection(member.send(text(gid, 'all muted', 'groupChat')))).toMatchObject({
      type: 'MUTED',
      details: { all: true },
    });
    await admin.send(text(gid, 'admins still speak', 'groupChat'));
    await owner.send(text(gid, 'and the owner', 'groupChat'));
    await owner.enableSendGroupMsg({ groupId: gid });
    await member.send(text(gid, 'everyone again', 'groupChat'));
  });

  it('a full group refuses joins, invitations and acceptances with MEMBERS_LIMIT', async () => {
    await owner.inviteUsersToGroup({ groupId: gid, users: [names[3]!] }); // private: needs confirmation
    await owner.modifyGroup({ groupId: gid, maxUsers: 3 });
    await expectError(outsider.acceptGroupInvite({ groupId: gid, invitee: names[3]! }), 'MEMBERS_LIMIT', 3025);
    await expectError(owner.modifyGroup({ groupId: gid, maxUsers: 2 }), 'MEMBERS_LIMIT', 3025);
    const pub = (await owner.createGroup({ data: { groupname: 'Tiny', public: true, approval: false, maxusers: 1 } }))
      .data.groupid;
    await expectError(outsider.joinGroup({ groupId: pub }), 'MEMBERS_LIMIT', 3025);
    await expectError(
      owner.createGroup({ data: { groupname: 'Over', members: [names[1]!], maxusers: 1 } }),
      'MEMBERS_LIMIT',
      3025,
    );
  });

  it('unknown groups, requests and users, and bad input, get their typed errors', async () => {
    await expectError(owner.getGroupInfo({ groupId: '12345' }), 'GROUP_NOT_FOUND', 4020);
    await expectError(owner.send(text('12345', 'x', 'groupChat')), 'GROUP_NOT_FOUND', 4020);
    await outsider.rejectGroupInvite({ groupId: gid, invitee: names[3]! }); // the invitation of the test above
    await expectError(outsider.rejectGroupInvite({ groupId: gid, invitee: names[3]! }), 'REQUEST_NOT_FOUND', 4022);
    await expectError(
      owner.rejectGroupJoinRequest({ groupId: gid, applicant: names[3]!, reason: '' }),
      'REQUEST_NOT_FOUND',
      4022,
    );
    await expectError(owner.inviteUsersToGroup({ groupId: gid, users: ['nobody-here'] }), 'USER_NOT_FOUND', 4002);
    await expectError(
      owner.muteGroupMember({ groupId: gid, username: names[2]!, muteDuration: 0 }),
      'BAD_REQUEST',
      1003,
    );
    await expectError(owner.modifyGroup({ groupId: gid, maxUsers: 0 }), 'BAD_REQUEST', 1003);
    await expectError(owner.createGroup({ data: { groupname: '' } }), 'INVALID_ARGUMENT', 6007);
    await expectError(owner.getGroupAdmin({ groupId: '' }), 'INVALID_ARGUMENT', 6007);
    await expectError(owner.inviteUsersToGroup({ groupId: gid, users: [] }), 'INVALID_ARGUMENT', 6007);
  });
});
