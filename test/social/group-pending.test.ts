/**
 * Invitations and join requests reach users who were offline when they were made: the SDK asks for
 * what is pending after every (re)connect and surfaces each once per device (live ones included).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEnv, until, type Env, type Inbox, type Json } from './env.js';

let env: Env;
beforeAll(async () => {
  env = await startEnv();
});
afterAll(() => env.close());

const events = (inbox: Inbox, op: string) => inbox.of<Json>('onGroupEvent').filter((e) => e.operation === op);

const syncs = (inbox: Inbox) => inbox.all.filter(([n]) => n === 'onOfflineMessageSyncFinish').length;

describe('pending invitations and join requests', () => {
  it('an invitee who was offline gets inviteToJoin when it logs in, once; answered ones are gone', async () => {
    const [owner, bob, carol] = await env.users(3, 'pi');
    const o = await env.login(owner!);
    const gid = (
      await o.conn.createGroup({ data: { groupname: 'Invite only', public: false, inviteNeedConfirm: true } })
    ).data.groupid;
    await o.conn.inviteUsersToGroup({ groupId: gid, users: [bob!, carol!] });

    const b = await env.login(bob!);
    await until(() => events(b.inbox, 'inviteToJoin').length, 'bob gets the invitation made while away');
    expect(events(b.inbox, 'inviteToJoin')).toEqual([
      expect.objectContaining({
        operation: 'inviteToJoin',
        id: gid,
        from: owner,
        name: 'Invite only',
        ts: expect.any(Number),
      }),
    ]);
    // Reconnecting the same connection does not surface it again.
    await until(() => syncs(b.inbox), 'first offline sync');
    await b.conn.close();
    await b.conn.open({ user: bob!, accessToken: await env.tokenFor(bob!) });
    await until(() => syncs(b.inbox) === 2, 'second offline sync');
    expect(events(b.inbox, 'inviteToJoin')).toHaveLength(1);

    await b.conn.acceptGroupInvite({ groupId: gid, invitee: bob! });
    const c = await env.login(carol!);
    await until(() => events(c.inbox, 'inviteToJoin').length, 'carol gets it too');
    await c.conn.rejectGroupInvite({ groupId: gid, invitee: carol! });

    // Answered: a fresh device of either sees nothing pending.
    for (const user of [bob!, carol!]) {
      const again = await env.login(user);
      await until(() => syncs(again.inbox), 'offline sync finished');
      expect(events(again.inbox, 'inviteToJoin')).toEqual([]);
    }
  });

  it('an owner who was offline gets requestToJoin when it logs in; accepting it lets the applicant in', async () => {
    const [owner, admin, dan] = await env.users(3, 'pj');
    const o1 = await env.login(owner!);
    const gid = (
      await o1.conn.createGroup({ data: { groupname: 'Ask first', public: true, approval: true, members: [admin!] } })
    ).data.groupid;
    await o1.conn.setGroupAdmin({ groupId: gid, username: admin! });
    await o1.conn.close();

    const d = await env.login(dan!);
    expect((await d.conn.joinGroup({ groupId: gid, message: 'let me in' })).data).toMatchObject({
      status: 'requested',
    });
    for (const user of [owner!, admin!]) {
      const m = await env.login(user);
      await until(() => events(m.inbox, 'requestToJoin').length, `${user} gets the request made while away`);
      expect(events(m.inbox, 'requestToJoin')).toEqual([
        expect.objectContaining({ id: gid, from: dan, userId: dan, reason: 'let me in', name: 'Ask first' }),
      ]);
      if (user === admin) await m.conn.acceptGroupJoinRequest({ groupId: gid, applicant: dan! });
    }
    await until(() => events(d.inbox, 'acceptRequest').length, 'dan told he is in');
    const members = await d.conn.listGroupMembers({ groupId: gid, pageNum: 1, pageSize: 10 });
    expect(members.data.map((m: Json) => m.member ?? m.owner)).toContain(dan);
  });
});
