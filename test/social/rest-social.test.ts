/** The Easemob REST paths and envelopes of chatgroups and chatrooms, with the admin token. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEnv, type Env, type Json } from './env.js';

let env: Env;
let org: string, app: string;
beforeAll(async () => {
  env = await startEnv();
  [org, app] = env.appKey.split('#') as [string, string];
});
afterAll(() => env.close());

const ok = async (method: string, path: string, body?: unknown): Promise<Json> => {
  const r = await env.rest(method, path, body);
  if (r.status !== 200) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};

describe('chatgroups REST', () => {
  it('create, list with cursor, read one and several, modify, transfer, destroy', async () => {
    const [owner, a, b] = await env.users(3, 'xg');
    const created = await ok('POST', '/chatgroups', {
      groupname: 'R',
      desc: 'rest group',
      public: true,
      maxusers: 30,
      owner,
      members: [a],
      membersonly: true,
      allowinvites: false,
      custom: 'c',
    });
    expect(created).toMatchObject({
      action: 'post',
      path: '/chatgroups',
      uri: expect.stringContaining(`/${org}/${app}/chatgroups`),
      organization: org,
      applicationName: app,
      application: expect.any(String),
      timestamp: expect.any(Number),
      duration: expect.any(Number),
      data: { groupid: expect.any(String) },
    });
    const gid = created.data.groupid as string;
    const gid2 = (await ok('POST', '/chatgroups', { groupname: 'R2', owner: b })).data.groupid as string;

    const one = await ok('GET', `/chatgroups/${gid}`);
    expect(one.data).toEqual([
      expect.objectContaining({
        id: gid,
        name: 'R',
        description: 'rest group',
        public: true,
        membersonly: true,
        allowinvites: false,
        maxusers: 30,
        owner,
        custom: 'c',
        mute: false,
        affiliations_count: 2,
        affiliations: [
          { owner, joined_time: expect.any(Number) },
          { member: a, joined_time: expect.any(Number) },
        ],
      }),
    ]);
    expect((await ok('GET', `/chatgroups/${gid},${gid2}`)).data.map((g: Json) => g.id)).toEqual([gid, gid2]);

    const page1 = await ok('GET', '/chatgroups?limit=1');
    expect(page1.data).toHaveLength(1);
    expect(page1.data[0]).toMatchObject({
      groupid: expect.any(String),
      groupname: expect.any(String),
      type: 'group',
      affiliations: expect.any(Number),
    });
    const page2 = await ok('GET', `/chatgroups?limit=1&cursor=${page1.cursor}`);
    expect(page2.data[0].groupid).not.toBe(page1.data[0].groupid);

    expect(
      (await ok('PUT', `/chatgroups/${gid}`, { groupname: 'R!', description: 'd2', maxusers: 40, membersonly: false }))
        .data,
    ).toEqual({
      groupname: true,
      description: true,
      maxusers: true,
      membersonly: true,
    });
    expect((await ok('PUT', `/chatgroups/${gid}`, { newowner: a })).data).toEqual({ newowner: true });
    expect((await ok('GET', `/chatgroups/${gid}`)).data[0]).toMatchObject({
      name: 'R!',
      owner: a,
      maxusers: 40,
      membersonly: false,
    });
    expect((await ok('GET', `/users/${a}/joined_chatgroups`)).data).toEqual([{ groupid: gid, groupname: 'R!' }]);
    expect((await ok('DELETE', `/chatgroups/${gid2}`)).data).toEqual({ success: true, groupid: gid2 });
    expect(await env.rest('GET', `/chatgroups/${gid2}`)).toMatchObject({
      status: 404,
      body: { name: 'GROUP_NOT_FOUND', error: 'service_resource_not_found' },
    });
  });

  it('members, admins, mutes, ban, block list and announcement', async () => {
    const [owner, a, b, c] = await env.users(4, 'xm');
    const gid = (await ok('POST', '/chatgroups', { groupname: 'M', owner })).data.groupid as string;
    expect((await ok('POST', `/chatgroups/${gid}/users/${a}`)).data).toEqual({
      result: true,
      action: 'add_member',
      user: a,
      groupid: gid,
    });
    expect((await ok('POST', `/chatgroups/${gid}/users`, { usernames: [b, c, a] })).data).toEqual({
      newmembers: [b, c],
      groupid: gid,
      action: 'add_member',
    });
    const users = await ok('GET', `/chatgroups/${gid}/users?pagenum=1&pagesize=2`);
    expect(users.data).toEqual([{ owner }, { member: a }]);
    expect(users.count).toBe(4);
    expect((await ok('GET', `/chatgroups/${gid}/users?pagenum=2&pagesize=2`)).data).toEqual([
      { member: b },
      { member: c },
    ]);

    expect((await ok('POST', `/chatgroups/${gid}/admin`, { newadmin: a })).data).toEqual({
      result: 'success',
      newadmin: a,
    });
    expect((await ok('GET', `/chatgroups/${gid}/admin`)).data).toEqual([a]);
    expect((await ok('DELETE', `/chatgroups/${gid}/admin/${a}`)).data).toEqual({ result: 'success', oldadmin: a });

    const muted = await ok('POST', `/chatgroups/${gid}/mute`, { usernames: [b], mute_duration: 60000 });
    expect(muted.data).toEqual([{ result: true, expire: expect.any(Number), user: b }]);
    expect((await ok('GET', `/chatgroups/${gid}/mute`)).data).toEqual([{ user: b, expire: muted.data[0].expire }]);
    expect((await ok('DELETE', `/chatgroups/${gid}/mute/${b}`)).data).toEqual([{ result: true, user: b }]);
    expect((await ok('POST', `/chatgroups/${gid}/ban`)).data).toEqual({ mute: true });
    expect((await ok('DELETE', `/chatgroups/${gid}/ban`)).data).toEqual({ mute: false });

    expect((await ok('POST', `/chatgroups/${gid}/blocks/users/${c}`)).data).toEqual({
      result: true,
      action: 'add_blocks',
      user: c,
      groupid: gid,
    });
    expect((await ok('POST', `/chatgroups/${gid}/blocks/users`, { usernames: [b] })).data).toEqual([
      { result: true, action: 'add_blocks', user: b, groupid: gid },
    ]);
    expect((await ok('GET', `/chatgroups/${gid}/blocks/users`)).data).toEqual([b, c].sort());
    expect((await ok('DELETE', `/chatgroups/${gid}/blocks/users/${b},${c}`)).data).toEqual([
      { result: true, action: 'remove_blocks', user: b, groupid: gid },
      { result: true, action: 'remove_blocks', user: c, groupid: gid },
    ]);
    await ok('POST', `/chatgroups/${gid}/users`, { usernames: [b, c] });
    expect((await ok('DELETE', `/chatgroups/${gid}/users/${b}`)).data).toEqual({
      result: true,
      action: 'remove_member',
      user: b,
      groupid: gid,
    });
    expect((await ok('DELETE', `/chatgroups/${gid}/users/${c},${b}`)).data).toEqual([
      { result: true, action: 'remove_member', user: c, groupid: gid },
      { result: false, action: 'remove_member', user: b, groupid: gid, reason: 'not a member' },
    ]);

    expect((await ok('POST', `/chatgroups/${gid}/announcement`, { announcement: 'hi all' })).data).toEqual({
      id: gid,
      result: true,
    });
    expect((await ok('GET', `/chatgroups/${gid}/announcement`)).data).toEqual({ announcement: 'hi all' });
  });

  it('no token, a user token, bad bodies and unknown users get typed errors', async () => {
    const [owner] = await env.users(1, 'xe');
    const base = `${env.server.httpUrl}/${org}/${app}`;
    const noToken = await fetch(`${base}/chatgroups`, { method: 'GET' });
    expect(noToken.status).toBe(401);
    expect(await noToken.json()).toMatchObject({ name: 'NOT_AUTHENTICATED', error: 'unauthorized' });
    const userToken = await fetch(`${base}/chatgroups`, {
      headers: { authorization: `Bearer ${await env.tokenFor(owner!)}` },
    });
    expect(userToken.status).toBe(403);
    expect(await userToken.json()).toMatchObject({ name: 'FORBIDDEN', code: 3001 });
    expect(await env.rest('POST', '/chatgroups', { owner })).toMatchObject({
      status: 400,
      body: { name: 'BAD_REQUEST', details: { path: '/groupname' } },
    });
    expect(await env.rest('POST', '/chatgroups', { groupname: 'x', owner: 'ghost-user' })).toMatchObject({
      status: 404,
      body: { name: 'USER_NOT_FOUND', details: { path: '/owner' } },
    });
    expect(await env.rest('POST', '/chatgroups', { groupname: 'x', owner, maxusers: 0 })).toMatchObject({
      status: 400,
      body: { name: 'BAD_REQUEST' },
    });
    const gid = (await ok('POST', '/chatgroups', { groupname: 'E', owner, maxusers: 1 })).data.groupid;
    const [extra] = await env.users(1, 'xf');
    expect(await env.rest('POST', `/chatgroups/${gid}/users/${extra}`)).toMatchObject({
      status: 403,
      body: { name: 'MEMBERS_LIMIT', error: 'forbidden_op' },
    });
    expect(
      await env.rest('POST', `/chatgroups/${gid}/mute`, { usernames: [extra], mute_duration: 1000 }),
    ).toMatchObject({ status: 403, body: { name: 'NOT_A_MEMBER' } });
  });
});

describe('chatrooms REST', () => {
  it('create, list, read, modify, members, admins, mutes, ban, blocks, announcement, destroy', async () => {
    const [owner, a, b] = await env.users(3, 'xr');
    const created = await ok('POST', '/chatrooms', {
      name: 'Hall',
      description: 'big hall',
      maxusers: 100,
      owner,
      members: [a],
      custom: 'x',
    });
    expect(created).toMatchObject({
      action: 'post',
      path: '/chatrooms',
      data: { id: expect.any(String) },
      organization: org,
    });
    const rid = created.data.id as string;
    expect((await ok('GET', '/chatrooms?pagenum=1&pagesize=100')).data).toContainEqual({
      id: rid,
      name: 'Hall',
      owner,
      affiliations_count: 1,
    });
    expect((await ok('GET', `/chatrooms/${rid}`)).data[0]).toMatchObject({
      id: rid,
      name: 'Hall',
      description: 'big hall',
      maxusers: 100,
      owner,
      custom: 'x',
      mute: false,
      affiliations_count: 1,
      affiliations: [{ owner }, { member: a }],
    });
    expect((await ok('PUT', `/chatrooms/${rid}`, { name: 'Hall 2', maxusers: 200 })).data).toEqual({
      name: true,
      maxusers: true,
    });
    expect((await ok('POST', `/chatrooms/${rid}/users/${b}`)).data).toEqual({
      result: true,
      action: 'add_member',
      id: rid,
      user: b,
    });
    expect((await ok('GET', `/chatrooms/${rid}/users`)).data).toEqual([{ owner }, { member: a }, { member: b }]);
    expect((await ok('GET', `/users/${b}/joined_chatrooms`)).data).toEqual([{ id: rid, name: 'Hall 2' }]);
    expect((await ok('POST', `/chatrooms/${rid}/admin`, { newadmin: a })).data).toEqual({
      result: 'success',
      newadmin: a,
    });
    expect((await ok('GET', `/chatrooms/${rid}/admin`)).data).toEqual([a]);
    expect((await ok('DELETE', `/chatrooms/${rid}/admin/${a}`)).data).toEqual({ result: 'success', oldadmin: a });
    expect((await ok('POST', `/chatrooms/${rid}/mute`, { usernames: [b], mute_duration: -1 })).data).toEqual([
      { result: true, expire: -1, user: b },
    ]);
    expect((await ok('GET', `/chatrooms/${rid}/mute`)).data).toEqual([{ user: b, expire: -1 }]);
    expect((await ok('DELETE', `/chatrooms/${rid}/mute/${b}`)).data).toEqual([{ result: true, user: b }]);
    expect((await ok('POST', `/chatrooms/${rid}/ban`)).data).toEqual({ mute: true });
    expect((await ok('DELETE', `/chatrooms/${rid}/ban`)).data).toEqual({ mute: false });
    expect((await ok('POST', `/chatrooms/${rid}/blocks/users/${b}`)).data).toEqual({
      result: true,
      action: 'add_blocks',
      user: b,
      id: rid,
    });
    expect((await ok('GET', `/chatrooms/${rid}/blocks/users`)).data).toEqual([b]);
    expect((await ok('GET', `/chatrooms/${rid}/users`)).data).toEqual([{ owner }, { member: a }]);
    expect((await ok('DELETE', `/chatrooms/${rid}/blocks/users/${b}`)).data).toEqual({
      result: true,
      action: 'remove_blocks',
      user: b,
      id: rid,
    });
    expect((await ok('DELETE', `/chatrooms/${rid}/users/${a}`)).data).toEqual({
      result: true,
      action: 'remove_member',
      user: a,
      id: rid,
    });
    expect((await ok('POST', `/chatrooms/${rid}/announcement`, { announcement: 'quiet' })).data).toEqual({
      id: rid,
      result: true,
    });
    expect((await ok('GET', `/chatrooms/${rid}/announcement`)).data).toEqual({ announcement: 'quiet' });
    expect((await ok('DELETE', `/chatrooms/${rid}`)).data).toEqual({ success: true, id: rid });
    expect(await env.rest('GET', `/chatrooms/${rid}`)).toMatchObject({
      status: 404,
      body: { name: 'CHATROOM_NOT_FOUND', code: 4021 },
    });
  });
});
