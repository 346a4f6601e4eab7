/**
 * Every group operation through the real SDK against the real server, with the onGroupEvent each
 * affected user gets (Easemob operation names and payloads).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEnv, until, type Env, type Json } from './env.js';

let env: Env;
beforeAll(async () => {
  env = await startEnv();
});
afterAll(() => env.close());

const ops = (events: Json[]) => events.map((e) => e.operation);

describe('groups through the SDK', () => {
  it('create, info, modify, transfer, destroy; joined and public lists; members paged', async () => {
    const [owner, bob, carol] = await env.users(3, 'gl');
    const o = await env.login(owner!);
    const b = await env.login(bob!);
    const created = await o.conn.createGroup({
      data: {
        groupname: 'Team',
        desc: 'the team',
        members: [bob!],
        public: true,
        approval: false,
        allowinvites: true,
        inviteNeedConfirm: false,
        maxusers: 50,
        ext: '{"k":1}',
      },
    });
    expect(created).toEqual({ type: 0, data: { groupid: expect.stringMatching(/^\d+$/) } });
    const gid = created.data.groupid;
    await until(() => b.inbox.of('onGroupEvent').length, 'bob told he was added');
    expect(b.inbox.of('onGroupEvent')[0]).toMatchObject({
      operation: 'directJoined',
      id: gid,
      from: owner,
      name: 'Team',
    });

    const info = (await b.conn.getGroupInfo({ groupId: gid })).data[0]!;
    expect(info).toMatchObject({
      id: gid,
      name: 'Team',
      description: 'the team',
      owner,
      public: true,
      membersonly: false,
      allowinvites: true,
      maxusers: 50,
      custom: '{"k":1}',
      mute: false,
      affiliations_count: 2,
      invite_need_confirm: false,
    });
    expect(info.affiliations).toEqual([
      { owner, joined_time: expect.any(Number) },
      { member: bob, joined_time: expect.any(Number) },
    ]);

    const mod = await o.conn.modifyGroup({ groupId: gid, groupName: 'Team 2', description: 'renamed', ext: 'x' });
    expect(mod.data).toEqual({ groupname: true, description: true, ext: true });
    await until(() => ops(b.inbox.of('onGroupEvent')).includes('updateInfo'), 'updateInfo');
    expect(b.inbox.of('onGroupEvent').find((e: Json) => e.operation === 'updateInfo')).toMatchObject({
      id: gid,
      from: owner,
      detail: { name: 'Team 2', description: 'renamed', ext: 'x' },
    });

    const joined = await b.conn.getJoinedGroups({ pageNum: 1, pageSize: 10 });
    expect(joined.data).toEqual([{ groupid: gid, groupname: 'Team 2' }]);
    const rich = await b.conn.getJoinedGroups({ pageNum: 0, pageSize: 10, needRole: true, needAffiliations: true });
    expect(rich.data[0]).toMatchObject({
      groupId: gid,
      groupName: 'Team 2',
      role: 'member',
      affiliationsCount: 2,
      public: true,
    });
    const pub = await b.conn.getPublicGroups({ limit: 100 });
    expect(pub.data).toContainEqual({ groupid: gid, groupname: 'Team 2' });

    const c = await env.login(carol!);
    await c.conn.joinGroup({ groupId: gid, message: 'hi' });
    const page1 = await o.conn.listGroupMembers({ groupId: gid, pageNum: 1, pageSize: 2 });
    const page2 = await o.conn.listGroupMembers({ groupId: gid, pageNum: 2, pageSize: 2 });
    expect([...page1.data, ...page2.data]).toEqual([{ owner }, { member: bob }, { member: carol }]);
    const cursor = await o.conn.getGroupMembers({ groupId: gid, limit: 2 });
    expect(cursor.data.members.map((m) => m.userId)).toEqual([owner, bob]);
    expect(cursor.data.cursor).toBe('2');

    expect((await o.conn.changeGroupOwner({ groupId: gid, newOwner: bob! })).data).toEqual({ newowner: true });
    await until(() => ops(c.inbox.of('onGroupEvent')).includes('changeOwner'), 'changeOwner');
    expect(c.inbox.of('onGroupEvent').find((e: Json) => e.operation === 'changeOwner')).toMatchObject({
      from: owner,
      userId: bob,
    });
    expect((await c.conn.getGroupInfo({ groupId: gid })).data[0]!.owner).toBe(bob);

    expect((await b.conn.destroyGroup({ groupId: gid })).data).toEqual({ id: gid, success: true });
    await until(() => ops(c.inbox.of('onGroupEvent')).includes('destroy'), 'destroy reaches members');
    expect(ops(o.inbox.of('onGroupEvent'))).toContain('destroy');
    expect((await c.conn.getJoinedGroups({ pageNum: 1, pageSize: 10 })).data).toEqual([]);
    await expect(c.conn.getGroupInfo({ groupId: gid })).rejects.toMatchObject({ type: 'GROUP_NOT_FOUND', code: 4020 });
  });

  it('createGroupVNext; a private group takes invitations, confirmed or declined', async () => {
    const [owner, bob, carol] = await env.users(3, 'gi');
    const o = await env.login(owner!);
    const b = await env.login(bob!);
    const c = await env.login(carol!);
    const { data } = await o.conn.createGroupVNext({
      groupName: 'Private',
      isPublic: false,
      inviteNeedConfirm: true,
      allowMemberToInvite: false,
    });
    const gid = data.groupId;
    const r = await o.conn.inviteUsersToGroup({ groupId: gid, users: [bob!, carol!] });
    expect(r.data).toEqual([
      { action: 'invite', id: gid, result: true, user: bob },
      { action: 'invite', id: gid, result: true, user: carol },
    ]);
    await until(() => b.inbox.of('onGroupEvent').length && c.inbox.of('onGroupEvent').length, 'invitations');
    expect(b.inbox.of('onGroupEvent')[0]).toMatchObject({
      operation: 'inviteToJoin',
      id: gid,
      from: owner,
      name: 'Private',
    });
    expect((await b.conn.getJoinedGroups({ pageNum: 1, pageSize: 10 })).data).toEqual([]);

    await b.conn.acceptGroupInvite({ groupId: gid, invitee: bob! });
    await until(() => ops(o.inbox.of('onGroupEvent')).includes('acceptInvite'), 'inviter told');
    expect(o.inbox.of('onGroupEvent')).toContainEqual(
      expect.objectContaining({ operation: 'acceptInvite', from: bob, userId: bob }),
    );
    expect(o.inbox.of('onGroupEvent')).toContainEqual(
      expect.objectContaining({ operation: 'memberPresence', from: bob, memberCount: 2 }),
    );

    await c.conn.rejectGroupInvite({ groupId: gid, invitee: carol! });
    await until(() => ops(o.inbox.of('onGroupEvent')).includes('rejectInvite'), 'inviter told of decline');
    expect(o.inbox.of('onGroupEvent').find((e: Json) => e.operation === 'rejectInvite')).toMatchObject({
      from: carol,
      userId: carol,
    });
    const members = await o.conn.listGroupMembers({ groupId: gid, pageNum: 1, pageSize: 10 });
    expect(members.data).toEqual([{ owner }, { member: bob }]);
  });

  it('a public group with approval: requests go to owner and admins, who accept or decline', async () => {
    const [owner, admin, ann, ben] = await env.users(4, 'ga');
    const o = await env.login(owner!);
    const a = await env.login(admin!);
    const x = await env.login(ann!);
    const y = await env.login(ben!);
    const gid = (
      await o.conn.createGroup({ data: { groupname: 'Club', members: [admin!], public: true, approval: true } })
    ).data.groupid;
    await o.conn.setGroupAdmin({ groupId: gid, username: admin! });
    await until(() => ops(a.inbox.of('onGroupEvent')).includes('setAdmin'), 'admin told');
    expect((await o.conn.getGroupAdmin({ groupId: gid })).data).toEqual([admin]);

    expect((await x.conn.joinGroup({ groupId: gid, message: 'let me in' })).data).toMatchObject({
      action: 'apply',
      status: 'requested',
    });
    await y.conn.joinGroup({ groupId: gid, message: 'me too' });
    await until(
      () => a.inbox.of('onGroupEvent').filter((e: Json) => e.operation === 'requestToJoin').length === 2,
      'admin sees requests',
    );
    expect(o.inbox.of('onGroupEvent')).toContainEqual(
      expect.objectContaining({ operation: 'requestToJoin', from: ann, reason: 'let me in' }),
    );

    await a.conn.acceptGroupJoinRequest({ groupId: gid, applicant: ann! });
    await until(() => ops(x.inbox.of('onGroupEvent')).includes('acceptRequest'), 'applicant accepted');
    await o.conn.rejectGroupJoinRequest({ groupId: gid, applicant: ben!, reason: 'full' });
    await until(() => ops(y.inbox.of('onGroupEvent')).includes('joinPublicGroupDeclined'), 'applicant declined');
    expect(y.inbox.of('onGroupEvent')[0]).toMatchObject({
      operation: 'joinPublicGroupDeclined',
      reason: 'full',
      from: owner,
    });
    const list = (await o.conn.listGroupMembers({ groupId: gid, pageNum: 1, pageSize: 10 })).data;
    expect(list).toEqual([{ owner }, { member: admin }, { member: ann }]);
    await expect(o.conn.acceptGroupJoinRequest({ groupId: gid, applicant: ben! })).rejects.toMatchObject({
      type: 'REQUEST_NOT_FOUND',
    });

    await o.conn.removeGroupAdmin({ groupId: gid, username: admin! });
    await until(() => ops(a.inbox.of('onGroupEvent')).includes('removeAdmin'), 'admin demoted');
    expect((await o.conn.getGroupAdmin({ groupId: gid })).data).toEqual([]);
  });

  it('leave, remove one and many, block (kept out) and unblock', async () => {
    const [owner, m1, m2, m3, m4] = await env.users(5, 'gr');
    const o = await env.login(owner!);
    const u1 = await env.login(m1!);
    const u2 = await env.login(m2!);
    const gid = (
      await o.conn.createGroup({
        data: { groupname: 'G', members: [m1!, m2!, m3!, m4!], public: true, approval: false },
      })
    ).data.groupid;
    await u1.conn.leaveGroup({ groupId: gid });
    await until(
      () => o.inbox.of('onGroupEvent').some((e: Json) => e.operation === 'memberAbsence' && e.userId === m1),
      'absence',
    );
    expect((await o.conn.removeGroupMember({ groupId: gid, username: m2! })).data).toEqual({
      action: 'remove_member',
      groupid: gid,
      result: true,
      user: m2,
    });
    await until(() => ops(u2.inbox.of('onGroupEvent')).includes('removeMember'), 'removed member told');
    const many = await o.conn.removeGroupMembers({ groupId: gid, users: [m3!, m1!] });
    expect(many.data).toEqual([
      { action: 'remove_member', groupid: gid, result: true, user: m3 },
      { action: 'remove_member', groupid: gid, result: false, user: m1, reason: 'not a member' },
    ]);

    expect((await o.conn.blockGroupMember({ groupId: gid, username: m4! })).data).toMatchObject({
      action: 'add_blocks',
      result: true,
      user: m4,
    });
    await o.conn.blockGroupMembers({ groupId: gid, usernames: [m2!] });
    expect((await o.conn.getGroupBlocklist({ groupId: gid })).data).toEqual([m2, m4].sort());
    expect((await o.conn.listGroupMembers({ groupId: gid, pageNum: 1, pageSize: 10 })).data).toEqual([{ owner }]);
    await expect(u2.conn.joinGroup({ groupId: gid })).rejects.toMatchObject({ type: 'MEMBER_BLOCKED', code: 3024 });
    const inv = await o.conn.inviteUsersToGroup({ groupId: gid, users: [m2!] });
    expect(inv.data).toEqual([{ action: 'invite', id: gid, result: false, user: m2, reason: 'blocked' }]);

    await o.conn.unblockGroupMember({ groupId: gid, username: m2! });
    await until(() => ops(u2.inbox.of('onGroupEvent')).includes('unblockMember'), 'unblocked told');
    await o.conn.unblockGroupMembers({ groupId: gid, usernames: [m4!] });
    expect((await o.conn.getGroupBlocklist({ groupId: gid })).data).toEqual([]);
    await u2.conn.joinGroup({ groupId: gid });
    expect((await o.conn.listGroupMembers({ groupId: gid, pageNum: 1, pageSize: 10 })).data).toEqual([
      { owner },
      { member: m2 },
    ]);
  });

  it('mute with a duration, mute list, unmute; mute everyone and lift it; announcement; member attributes', async () => {
    const [owner, m1, m2] = await env.users(3, 'gm');
    const o = await env.login(owner!);
    const u1 = await env.login(m1!);
    const gid = (await o.conn.createGroup({ data: { groupname: 'M', members: [m1!, m2!] } })).data.groupid;
    const muted = await o.conn.muteGroupMember({ groupId: gid, username: [m1!, m2!], muteDuration: 60_000 });
    expect(muted.data).toEqual([
      { expire: expect.any(Number), result: true, user: m1 },
      { expire: expect.any(Number), result: true, user: m2 },
    ]);
    expect(muted.data[0]!.expire).toBeGreaterThan(Date.now() + 50_000);
    await until(() => ops(u1.inbox.of('onGroupEvent')).includes('muteMember'), 'muted told');
    expect(u1.inbox.of('onGroupEvent').find((e: Json) => e.operation === 'muteMember')).toMatchObject({ userId: m1 });
    expect((await o.conn.getGroupMuteList({ groupId: gid })).data.map((m) => m.user).sort()).toEqual([m1, m2].sort());
    expect((await o.conn.unmuteGroupMember({ groupId: gid, username: m1! })).data).toEqual([
      { result: true, user: m1 },
    ]);
    await until(() => ops(u1.inbox.of('onGroupEvent')).includes('unmuteMember'), 'unmuted told');
    expect((await o.conn.getGroupMuteList({ groupId: gid })).data.map((m) => m.user)).toEqual([m2]);

    expect((await o.conn.disableSendGroupMsg({ groupId: gid })).data).toEqual({ mute: true });
    await until(() => ops(u1.inbox.of('onGroupEvent')).includes('muteAllMembers'), 'mute all');
    expect((await u1.conn.getGroupInfo({ groupId: gid })).data[0]!.mute).toBe(true);
    expect((await o.conn.enableSendGroupMsg({ groupId: gid })).data).toEqual({ mute: false });
    await until(() => ops(u1.inbox.of('onGroupEvent')).includes('unmuteAllMembers'), 'unmute all');

    expect((await o.conn.updateGroupAnnouncement({ groupId: gid, announcement: 'read me' })).data).toEqual({
      id: gid,
      result: true,
    });
    await until(() => ops(u1.inbox.of('onGroupEvent')).includes('updateAnnouncement'), 'announcement');
    expect(u1.inbox.of('onGroupEvent').find((e: Json) => e.operation === 'updateAnnouncement')).toMatchObject({
      announcement: 'read me',
    });
    expect((await u1.conn.fetchGroupAnnouncement({ groupId: gid })).data).toEqual({ announcement: 'read me' });

    await u1.conn.setGroupMemberAttributes({
      groupId: gid,
      userId: m1!,
      memberAttributes: { nick: 'one', color: 'red' },
    });
    await until(() => ops(o.inbox.of('onGroupEvent')).includes('memberAttributesUpdate'), 'attributes event');
    expect(o.inbox.of('onGroupEvent').find((e: Json) => e.operation === 'memberAttributesUpdate')).toMatchObject({
      userId: m1,
      attributes: { nick: 'one', color: 'red' },
    });
    await o.conn.setGroupMemberAttributes({ groupId: gid, userId: m1!, memberAttributes: { color: '' } });
    expect((await o.conn.getGroupMemberAttributes({ groupId: gid, userId: m1! })).data).toEqual({ nick: 'one' });
    const many = await u1.conn.getGroupMembersAttributes({ groupId: gid, userIds: [m1!, m2!], keys: ['nick'] });
    expect(many.data).toEqual({ [m1!]: { nick: 'one' }, [m2!]: {} });
  });
});
