// User attributes ("个人设置") through the real SDK and REST: update, batch fetch, limits, and change
// events that reach friends (and only friends) and the user's other devices.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import SDK from '@pigeon/sdk';
import { startEnv, type TestEnv } from '../helpers/env.js';
import { adminToken, rest, userToken } from '../helpers/rest.js';
import { waitFor } from '../helpers/wait.js';

let env: TestEnv;
let admin: string;
beforeAll(async () => {
  env = await startEnv();
  await env.users('pam', 'quin', 'rob', 'sue', 'tom');
  await env.srv.addFriendship(env.srv.defaultApp!.appKey, 'pam', 'quin');
  admin = await adminToken(env.srv);
});
afterAll(() => env.close());

describe('profiles over the SDK', () => {
  it('updateOwnUserInfo with an object, updateUserInfo(key, value), fetchUserInfoById of one or many (with keys)', async () => {
    const pam = await env.login('pam');
    const r = await pam.conn.updateOwnUserInfo({
      nickname: 'Pam',
      avatarurl: 'https://cdn.example.com/pam.png',
      mail: 'pam@example.com',
      phone: '+86 138 0000 0000',
      gender: 2,
      birth: '1990-01-01',
      sign: '你好',
      ext: JSON.stringify({ hobby: 'go' }),
    });
    expect(r.data).toMatchObject({ nickname: 'Pam', gender: '2', sign: '你好' });
    const one = await pam.conn.updateUserInfo('nickname', 'Pammy');
    expect(one.data).toMatchObject({ nickname: 'Pammy', mail: 'pam@example.com' });
    const rob = await env.login('rob');
    const fetched = await rob.conn.fetchUserInfoById('pam');
    expect(fetched.data).toEqual({
      pam: {
        nickname: 'Pammy',
        avatarurl: 'https://cdn.example.com/pam.png',
        mail: 'pam@example.com',
        phone: '+86 138 0000 0000',
        gender: '2',
        birth: '1990-01-01',
        sign: '你好',
        ext: '{"hobby":"go"}',
      },
    });
    const some = await rob.conn.fetchUserInfoById(['pam', 'quin', 'ghost'], ['nickname', 'sign']);
    expect(some.data).toEqual({ pam: { nickname: 'Pammy', sign: '你好' }, quin: {} });
    await Promise.all([pam.conn.close(), rob.conn.close()]);
  });

  it('a change reaches friends and the other devices as onUserInfoChange, not strangers; an empty value removes the attribute', async () => {
    const pam1 = await env.login('pam');
    const pam2 = await env.login('pam');
    const quin = await env.login('quin');
    const sue = await env.login('sue');
    await pam1.conn.updateUserInfo({ sign: 'busy today', mail: '' });
    await waitFor(() => quin.inbox.of('onUserInfoChange').length === 1, 'friend told');
    await waitFor(() => pam2.inbox.of('onUserInfoChange').length === 1, 'other device told');
    expect(quin.inbox.of('onUserInfoChange')[0]).toMatchObject({
      userId: 'pam',
      changes: { sign: 'busy today', mail: '' },
      cleared: false,
      time: expect.any(Number),
    });
    expect(pam1.inbox.of('onUserInfoChange')).toEqual([]); // the device that made the change has the reply
    expect((await sue.conn.fetchUserInfoById('pam')).data.pam).not.toHaveProperty('mail');
    // A stranger is not told: a message pam sends her later would arrive after such an event.
    await pam1.conn.send(SDK.message.create({ type: 'txt', chatType: 'singleChat', to: 'sue', msg: 'later' }));
    await waitFor(() => sue.inbox.texts().includes('later'), 'later message');
    expect(sue.inbox.of('onUserInfoChange')).toEqual([]);
    await Promise.all([pam1.conn.close(), pam2.conn.close(), quin.conn.close(), sue.conn.close()]);
  });

  it('values over their limit, a profile over 2 KB, wrong types, bad keys and empty updates get typed errors', async () => {
    const tom = await env.login('tom');
    await expect(tom.conn.updateUserInfo('nickname', 'n'.repeat(65))).rejects.toMatchObject({
      type: 'VALUE_TOO_LARGE',
      details: { path: '/attrs/nickname', limit: 64 },
    });
    await expect(tom.conn.updateUserInfo({ avatarurl: `https://x/${'a'.repeat(260)}` })).rejects.toMatchObject({
      type: 'VALUE_TOO_LARGE',
    });
    await tom.conn.updateUserInfo({ ext: 'e'.repeat(1500) });
    await expect(tom.conn.updateUserInfo({ custom: 'c'.repeat(600) })).rejects.toMatchObject({
      type: 'VALUE_TOO_LARGE',
      details: { limit: 2048 },
    });
    expect((await tom.conn.fetchUserInfoById('tom')).data.tom).toEqual({ ext: 'e'.repeat(1500) }); // unchanged
    await expect(tom.conn.updateUserInfo({ 'bad key!': 'x' })).rejects.toMatchObject({ type: 'BAD_REQUEST' });
    await expect(tom.conn.updateUserInfo({ nickname: { a: 1 } as never })).rejects.toMatchObject({
      type: 'INVALID_ARGUMENT',
    });
    await expect(tom.conn.updateUserInfo({})).rejects.toMatchObject({ type: 'INVALID_ARGUMENT' });
    await expect(tom.conn.fetchUserInfoById([])).rejects.toMatchObject({ type: 'INVALID_ARGUMENT' });
    await expect(tom.conn.fetchUserInfoById('Not Valid!')).rejects.toMatchObject({
      type: 'BAD_REQUEST',
      details: { path: '/users/0' },
    });
    await tom.conn.close();
  });

  it('fetchUserInfoById splits more than 100 users into several requests', async () => {
    const tom = await env.login('tom');
    const many = [...Array.from({ length: 120 }, (_, i) => `nobody${i}`), 'pam'];
    const r = await tom.conn.fetchUserInfoById(many, 'nickname');
    expect(r.data).toEqual({ pam: { nickname: 'Pammy' } });
    await tom.conn.close();
  });
});

describe('user metadata REST', () => {
  const path = (u: string) => `/pigeon/demo/metadata/user/${u}`;

  it('PUT as a form (as Easemob documents it) or JSON, GET, batch get, DELETE; friends hear of REST changes too', async () => {
    const quin = await env.login('quin');
    const put = await rest(env.srv, 'PUT', path('pam'), {
      token: admin,
      form: { nickname: 'P from REST', gender: '1' },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ data: { nickname: 'P from REST', gender: '1' }, timestamp: expect.any(Number) });
    await waitFor(() => quin.inbox.of('onUserInfoChange').length === 1, 'friend told of the REST change');
    const json = await rest(env.srv, 'PUT', path('pam'), { token: admin, body: { birth: '1991-02-03', gender: 2 } });
    expect(json.body.data).toMatchObject({ birth: '1991-02-03', gender: '2' });
    const get = await rest(env.srv, 'GET', path('pam'), { token: admin });
    expect(get.body.data).toMatchObject({ nickname: 'P from REST', birth: '1991-02-03' });
    const batch = await rest(env.srv, 'POST', '/pigeon/demo/metadata/user/get', {
      token: admin,
      body: { targets: ['pam', 'quin', 'ghost'], properties: ['nickname'] },
    });
    expect(batch.body.data).toEqual({ pam: { nickname: 'P from REST' }, quin: {} });
    const del = await rest(env.srv, 'DELETE', path('pam'), { token: admin });
    expect(del.body.data).toBe(true);
    await waitFor(() => quin.inbox.of('onUserInfoChange').length === 3, 'cleared');
    expect(quin.inbox.of('onUserInfoChange')[2]).toMatchObject({ userId: 'pam', cleared: true, changes: {} });
    expect((await rest(env.srv, 'GET', path('pam'), { token: admin })).body.data).toEqual({});
    await quin.conn.close();
  });

  it('a user token may set its own attributes only; limits, unknown users and bad bodies get typed errors', async () => {
    const rob = await userToken(env.srv, 'rob');
    expect((await rest(env.srv, 'PUT', path('rob'), { token: rob, form: { sign: 'mine' } })).status).toBe(200);
    const other = await rest(env.srv, 'PUT', path('pam'), { token: rob, form: { sign: 'not mine' } });
    expect(other).toMatchObject({ status: 403, body: { name: 'FORBIDDEN' } });
    expect((await rest(env.srv, 'GET', path('pam'), { token: rob })).status).toBe(200); // reading is open to users
    const big = await rest(env.srv, 'PUT', path('rob'), { token: admin, form: { phone: '1'.repeat(33) } });
    expect(big).toMatchObject({ status: 413, body: { name: 'VALUE_TOO_LARGE', details: { path: '/phone' } } });
    const ghost = await rest(env.srv, 'PUT', path('ghost'), { token: admin, form: { sign: 'x' } });
    expect(ghost).toMatchObject({ status: 404, body: { name: 'USER_NOT_FOUND' } });
    const nested = await rest(env.srv, 'PUT', path('rob'), { token: admin, body: { sign: { deep: true } } });
    expect(nested).toMatchObject({ status: 400, body: { name: 'BAD_REQUEST', details: { path: '/sign' } } });
    const none = await rest(env.srv, 'PUT', path('rob'), { token: admin, body: {} });
    expect(none).toMatchObject({ status: 400, body: { name: 'BAD_REQUEST' } });
    const tooMany = await rest(env.srv, 'POST', '/pigeon/demo/metadata/user/get', {
      token: admin,
      body: { targets: Array.from({ length: 101 }, (_, i) => `u${i}`) },
    });
    expect(tooMany).toMatchObject({ status: 400, body: { name: 'BAD_REQUEST' } });
    const anon = await rest(env.srv, 'GET', path('rob'));
    expect(anon).toMatchObject({ status: 401, body: { name: 'NOT_AUTHENTICATED' } });
  });
});
