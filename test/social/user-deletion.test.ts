/**
 * Deleting a user over REST (DELETE /users/{name}): as Easemob does, the groups and chatrooms the user
 * owns are destroyed, the user leaves every other group and chatroom, and friends and block lists
 * forget them. Members are told with onGroupEvent / onChatroomEvent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection, startEnv, until, type Env, type Json } from './env.js';

let env: Env;
beforeAll(async () => {
  env = await startEnv();
});
afterAll(() => env.close());

const ok = async (method: string, path: string, body?: unknown): Promise<Json> => {
  const r = await env.rest(method, path, body);
  if (r.status !== 200) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};
const ops = (events: Json[]) => events.map((e) => e.operation);

describe('deleting a user', () => {
  it('destroys what they own, takes them out of the rest, and drops their contacts and blocks', async () => {
    const [gone, bob, carol] = await env.users(3, 'ud');
    const b = await env.login(bob!);
    const g = await env.login(gone!);
    const owned = (await ok('POST', '/chatgroups', { groupname: 'Mine', owner: gone, members: [bob] })).data.groupid;
    const other = (await ok('POST', '/chatgroups', { groupname: 'Bobs', owner: bob, members: [gone, carol] })).data
      .groupid;
    await ok('POST', `/chatgroups/${other}/admin`, { newadmin: gone });
    const blockedIn = (await ok('POST', '/chatgroups', { groupname: 'Kept out', owner: bob })).data.groupid;
    await ok('POST', `/chatgroups/${blockedIn}/blocks/users/${gone}`);
    const room = (await ok('POST', '/chatrooms', { name: 'Hall', owner: gone })).data.id;
    const bobsRoom = (await ok('POST', '/chatrooms', { name: 'Bob hall', owner: bob })).data.id;
    await b.conn.joinChatRoom({ roomId: room });
    await b.conn.joinChatRoom({ roomId: bobsRoom });
    await g.conn.joinChatRoom({ roomId: bobsRoom });
    await ok('POST', `/chatrooms/${bobsRoom}/mute`, { usernames: [gone], mute_duration: -1 });
    await ok('POST', `/users/${bob}/contacts/users/${gone}`);
    await ok('POST', `/users/${bob}/blocks/users`, { usernames: [gone] });
    await ok('POST', '/chatrooms/super_admin', { superadmin: gone });

    expect((await ok('DELETE', `/users/${gone}`)).entities[0]).toMatchObject({ username: gone });

    expect(await env.rest('GET', `/chatgroups/${owned}`)).toMatchObject({
      status: 404,
      body: { name: 'GROUP_NOT_FOUND' },
    });
    expect(await env.rest('GET', `/chatrooms/${room}`)).toMatchObject({
      status: 404,
      body: { name: 'CHATROOM_NOT_FOUND' },
    });
    expect((await ok('GET', `/chatgroups/${other}/users`)).data).toEqual([{ owner: bob }, { member: carol }]);
    expect((await ok('GET', `/chatgroups/${other}/admin`)).data).toEqual([]);
    expect((await ok('GET', `/chatgroups/${blockedIn}/blocks/users`)).data).toEqual([]);
    expect((await ok('GET', `/chatrooms/${bobsRoom}/users`)).data).toEqual([{ owner: bob }]);
    expect((await ok('GET', `/chatrooms/${bobsRoom}/mute`)).data).toEqual([]);
    expect((await ok('GET', '/chatrooms/super_admin')).data).not.toContain(gone);
    expect((await ok('GET', `/users/${bob}/contacts/users`)).data).toEqual([]);
    expect((await ok('GET', `/users/${bob}/blocks/users`)).data).toEqual([]);

    const told = (name: 'onGroupEvent' | 'onChatroomEvent') => () => {
      const ev = b.inbox.of(name);
      return ops(ev).includes('destroy') && ops(ev).includes('memberAbsence') ? ev : undefined;
    };
    const groupEvents = await until(told('onGroupEvent'), 'bob told about both groups');
    expect(groupEvents.find((e: Json) => e.operation === 'destroy')).toMatchObject({ id: owned, from: 'admin' });
    expect(groupEvents.find((e: Json) => e.operation === 'memberAbsence')).toMatchObject({ id: other, from: gone });
    const roomEvents = await until(told('onChatroomEvent'), 'bob told about both rooms');
    expect(roomEvents.find((e: Json) => e.operation === 'destroy')).toMatchObject({ id: room });
    expect(roomEvents.find((e: Json) => e.operation === 'memberAbsence')).toMatchObject({ id: bobsRoom, from: gone });

    // A new user with the same name starts with nothing.
    await ok('POST', '/users', { username: gone, password: `pw-${gone}` });
    expect((await ok('GET', `/users/${gone}/joined_chatgroups`)).data).toEqual([]);
    expect((await ok('GET', `/chatgroups/${blockedIn}/blocks/users`)).data).toEqual([]);
  });

  it('forgets the invitations and join requests they made or got', async () => {
    const [gone, owner] = await env.users(2, 'ue');
    const gid = (await ok('POST', '/chatgroups', { groupname: 'Ask', owner, public: true, membersonly: true })).data
      .groupid;
    const g = await env.login(gone!);
    expect(await g.conn.joinGroup({ groupId: gid })).toMatchObject({ data: { status: 'requested' } });
    await ok('DELETE', `/users/${gone}`);
    await ok('POST', '/users', { username: gone, password: `pw-${gone}` });
    const o = await env.login(owner!);
    expect(await rejection(o.conn.acceptGroupJoinRequest({ groupId: gid, applicant: gone! }))).toMatchObject({
      type: 'REQUEST_NOT_FOUND',
    });
  });
});
