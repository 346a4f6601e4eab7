// The app backend's contacts and block-list REST (Easemob paths and envelopes), seen by the real SDK,
// plus who may call what, and tenant isolation of every route this feature adds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import SDK from '@pigeon/sdk';
import { startEnv, type TestEnv } from '../helpers/env.js';
import { adminToken, rest, userToken } from '../helpers/rest.js';
import { waitFor } from '../helpers/wait.js';

let env: TestEnv;
let admin: string;
const base = '/pigeon/demo/users';
beforeAll(async () => {
  env = await startEnv();
  await env.users('ada', 'bea', 'cal', 'dee');
  admin = await adminToken(env.srv);
});
afterAll(() => env.close());

describe('contacts REST', () => {
  it('POST binds both ways at once (seeds/004 "双向绑定好友关系"): both SDK users get onContactAdded and see the friend', async () => {
    const ada = await env.login('ada');
    const bea = await env.login('bea');
    const r = await rest(env.srv, 'POST', `${base}/ada/contacts/users/bea`, { token: admin });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      action: 'post',
      path: '/users/ada/contacts/users/bea',
      entities: [expect.objectContaining({ username: 'bea', type: 'user', activated: true })],
      organization: 'pigeon',
      applicationName: 'demo',
    });
    await waitFor(
      () => ada.inbox.of('onContactAdded').length === 1 && bea.inbox.of('onContactAdded').length === 1,
      'both told',
    );
    expect(bea.inbox.of('onContactAdded')[0]).toMatchObject({ type: 'subscribed', from: 'ada', to: 'bea' });
    expect((await ada.conn.getContacts()).data).toEqual(['bea']);
    expect((await bea.conn.getContacts()).data).toEqual(['ada']);
    // Binding again changes nothing.
    expect((await rest(env.srv, 'POST', `${base}/bea/contacts/users/ada`, { token: admin })).status).toBe(200);
    await Promise.all([ada.conn.close(), bea.conn.close()]);
  });

  it('GET lists friends (all, or paged with remarks); DELETE ends the friendship both ways', async () => {
    await rest(env.srv, 'POST', `${base}/ada/contacts/users/cal`, { token: admin });
    const all = await rest(env.srv, 'GET', `${base}/ada/contacts/users`, { token: admin });
    expect(all.body).toMatchObject({ action: 'get', data: ['bea', 'cal'], count: 2, entities: [] });
    const ada = await env.login('ada');
    await ada.conn.setContactRemark({ userId: 'cal', remark: 'Cal' });
    const page = await rest(env.srv, 'GET', '/pigeon/demo/user/ada/contacts?limit=1&needReturnRemark=true', {
      token: admin,
    });
    expect(page.body.data).toEqual({ contacts: [{ username: 'bea', remark: null }], cursor: 'bea' });
    const next = await rest(env.srv, 'GET', '/pigeon/demo/user/ada/contacts?limit=1&needReturnRemark=true&cursor=bea', {
      token: admin,
    });
    expect(next.body.data).toEqual({ contacts: [{ username: 'cal', remark: 'Cal' }] });
    const cal = await env.login('cal');
    const del = await rest(env.srv, 'DELETE', `${base}/ada/contacts/users/cal`, { token: admin });
    expect(del.body.entities).toEqual([expect.objectContaining({ username: 'cal' })]);
    await waitFor(
      () => cal.inbox.of('onContactDeleted').length === 1 && ada.inbox.of('onContactDeleted').length === 1,
      'told',
    );
    expect((await cal.conn.getContacts()).data).toEqual([]);
    const again = await rest(env.srv, 'DELETE', `${base}/ada/contacts/users/cal`, { token: admin });
    expect(again).toMatchObject({ status: 404, body: { name: 'NOT_A_CONTACT' } });
    await Promise.all([ada.conn.close(), cal.conn.close()]);
  });

  it('unknown users, oneself and bad names get typed errors; binding needs the admin token', async () => {
    expect(await rest(env.srv, 'POST', `${base}/ada/contacts/users/ghost`, { token: admin })).toMatchObject({
      status: 404,
      body: { name: 'USER_NOT_FOUND', error: 'service_resource_not_found' },
    });
    expect(await rest(env.srv, 'POST', `${base}/ghost/contacts/users/ada`, { token: admin })).toMatchObject({
      status: 404,
      body: { name: 'USER_NOT_FOUND' },
    });
    expect(await rest(env.srv, 'POST', `${base}/ada/contacts/users/ada`, { token: admin })).toMatchObject({
      status: 400,
      body: { name: 'BAD_REQUEST', details: { path: '/friend' } },
    });
    expect(await rest(env.srv, 'POST', `${base}/ada/contacts/users/no%20way`, { token: admin })).toMatchObject({
      status: 400,
      body: { name: 'BAD_REQUEST' },
    });
    const ada = await userToken(env.srv, 'ada');
    expect(await rest(env.srv, 'POST', `${base}/ada/contacts/users/dee`, { token: ada })).toMatchObject({
      status: 403,
      body: { name: 'FORBIDDEN' },
    });
    expect((await rest(env.srv, 'GET', `${base}/ada/contacts/users`, { token: ada })).body.data).toEqual(['bea']);
    expect(await rest(env.srv, 'GET', `${base}/bea/contacts/users`, { token: ada })).toMatchObject({
      status: 403,
      body: { name: 'FORBIDDEN' },
    });
    expect(await rest(env.srv, 'GET', `${base}/ada/contacts/users`)).toMatchObject({
      status: 401,
      body: { name: 'NOT_AUTHENTICATED' },
    });
  });
});

describe('block list REST', () => {
  it('POST blocks (the SDK sees it and the blocked user gets BLOCKED), GET lists, DELETE unblocks', async () => {
    const r = await rest(env.srv, 'POST', `${base}/dee/blocks/users`, {
      token: admin,
      body: { usernames: ['ada', 'bea'] },
    });
    expect(r.body).toMatchObject({ action: 'post', data: ['ada', 'bea'] });
    const dee = await env.login('dee');
    expect((await dee.conn.getBlocklist()).data).toEqual(['ada', 'bea']);
    const ada = await env.login('ada');
    const hi = SDK.message.create({ type: 'txt', chatType: 'singleChat', to: 'dee', msg: 'hi' });
    await expect(ada.conn.send(hi)).rejects.toMatchObject({ type: 'BLOCKED' });
    const page = await rest(env.srv, 'GET', `${base}/dee/blocks/users?pageSize=1`, { token: admin });
    expect(page.body).toMatchObject({ data: ['ada'], count: 1, cursor: 'ada' });
    const rest2 = await rest(env.srv, 'GET', `${base}/dee/blocks/users?pageSize=1&cursor=ada`, { token: admin });
    expect(rest2.body.data).toEqual(['bea']);
    expect(rest2.body.cursor).toBeUndefined();
    const del = await rest(env.srv, 'DELETE', `${base}/dee/blocks/users/ada`, { token: admin });
    expect(del.body.entities).toEqual([expect.objectContaining({ username: 'ada' })]);
    expect((await dee.conn.getBlocklist()).data).toEqual(['bea']);
    await ada.conn.send(SDK.message.create({ type: 'txt', chatType: 'singleChat', to: 'dee', msg: 'unblocked' }));
    const bad = await rest(env.srv, 'POST', `${base}/dee/blocks/users`, { token: admin, body: { usernames: 'ada' } });
    expect(bad).toMatchObject({ status: 400, body: { name: 'BAD_REQUEST', details: { path: '/usernames' } } });
    const ghost = await rest(env.srv, 'POST', `${base}/dee/blocks/users`, {
      token: admin,
      body: { usernames: ['ghost'] },
    });
    expect(ghost).toMatchObject({ status: 404, body: { name: 'USER_NOT_FOUND' } });
    await Promise.all([dee.conn.close(), ada.conn.close()]);
  });
});

describe('limits', () => {
  it('a block list holds at most 500 users: the one over gets LIMIT_EXCEEDED and nothing of that call is kept', async () => {
    const names = Array.from({ length: 501 }, (_, i) => `bulk${i}`);
    for (let i = 0; i < names.length; i += 60) {
      const batch = names.slice(i, i + 60).map((username) => ({ username }));
      expect((await rest(env.srv, 'POST', '/pigeon/demo/users', { token: admin, body: batch })).status).toBe(200);
    }
    for (let i = 0; i < 500; i += 100) {
      const r = await rest(env.srv, 'POST', `${base}/cal/blocks/users`, {
        token: admin,
        body: { usernames: names.slice(i, i + 100) },
      });
      expect(r.status).toBe(200);
    }
    const over = await rest(env.srv, 'POST', `${base}/cal/blocks/users`, {
      token: admin,
      body: { usernames: ['bulk500', 'bulk0'] },
    });
    expect(over).toMatchObject({ status: 403, body: { name: 'LIMIT_EXCEEDED', details: { limit: 500 } } });
    const listed = await rest(env.srv, 'GET', `${base}/cal/blocks/users`, { token: admin });
    expect(listed.body.count).toBe(500);
    expect(listed.body.data).not.toContain('bulk500');
    // Blocking someone already blocked takes no room.
    expect(
      (await rest(env.srv, 'POST', `${base}/cal/blocks/users`, { token: admin, body: { usernames: ['bulk0'] } }))
        .status,
    ).toBe(200);
  });
});

describe('tenant isolation', () => {
  it("app A's admin and user tokens on app B's contacts, blocks, metadata and presence routes get WRONG_TENANT", async () => {
    const other = await env.srv.createApp({ org: 'other', name: 'app' });
    const otherAdmin = await adminToken(env.srv, other.appKey);
    const aUser = await userToken(env.srv, 'ada');
    const b = '/other/app';
    const routes: Array<[string, string, unknown?]> = [
      ['POST', `${b}/users/ada/contacts/users/bea`],
      ['DELETE', `${b}/users/ada/contacts/users/bea`],
      ['GET', `${b}/users/ada/contacts/users`],
      ['GET', `${b}/user/ada/contacts`],
      ['POST', `${b}/users/ada/blocks/users`, { usernames: ['bea'] }],
      ['GET', `${b}/users/ada/blocks/users`],
      ['DELETE', `${b}/users/ada/blocks/users/bea`],
      ['PUT', `${b}/metadata/user/ada`, { nickname: 'x' }],
      ['GET', `${b}/metadata/user/ada`],
      ['DELETE', `${b}/metadata/user/ada`],
      ['POST', `${b}/metadata/user/get`, { targets: ['ada'] }],
      ['POST', `${b}/users/ada/presence/60`, { usernames: ['bea'] }],
      ['POST', `${b}/users/ada/presence`, { usernames: ['bea'] }],
      ['DELETE', `${b}/users/ada/presence`, ['bea']],
      ['GET', `${b}/users/ada/presence/sublist`],
      ['POST', `${b}/users/ada/presence/web/1`, { ext: 'x' }],
      ['POST', `${b}/users/batch/status`, { usernames: ['ada'] }],
    ];
    for (const token of [admin, aUser]) {
      for (const [method, path, body] of routes) {
        const r = await rest(env.srv, method, path, body === undefined ? { token } : { token, body });
        expect({ method, path, status: r.status, name: r.body?.name }).toEqual({
          method,
          path,
          status: 403,
          name: 'WRONG_TENANT',
        });
      }
    }
    // And app B's own admin token works there (its users do not exist: USER_NOT_FOUND, not someone else's data).
    const own = await rest(env.srv, 'GET', `${b}/users/ada/contacts/users`, { token: otherAdmin });
    expect(own).toMatchObject({ status: 404, body: { name: 'USER_NOT_FOUND' } });
  });
});
