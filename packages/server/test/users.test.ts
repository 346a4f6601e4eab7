import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';
import { RawClient } from './helpers/ws-client.js';

describe('users REST', () => {
  let s: TestServer;
  let admin: string;
  beforeAll(async () => {
    s = await startTestServer({ limits: { maxBodyBytes: 64 * 1024 } });
    admin = await s.adminToken();
  });
  afterAll(() => s.close());

  it('registers one user with open registration (no token) in the Easemob envelope', async () => {
    const r = await s.rest('POST', '/pigeon/demo/users', { body: { username: 'Dave', password: 'pw', nickname: 'D' } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      action: 'post',
      path: '/users',
      organization: 'pigeon',
      applicationName: 'demo',
      uri: `${s.httpUrl}/pigeon/demo/users`,
    });
    expect(r.body.entities).toEqual([
      expect.objectContaining({
        username: 'dave',
        type: 'user',
        activated: true,
        nickname: 'D',
        uuid: expect.any(String),
      }),
    ]);
    expect(typeof r.body.application).toBe('string');
  });

  it('registering an existing user gets USER_EXISTS (400, duplicate_unique_property_exists)', async () => {
    const r = await s.rest('POST', '/pigeon/demo/users', { body: { username: 'dave', password: 'pw' } });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ name: 'USER_EXISTS', error: 'duplicate_unique_property_exists' });
  });

  it('batch registers up to 60; existing names are reported in data, not created twice', async () => {
    const batch = Array.from({ length: 60 }, (_, i) => ({ username: `u${i}`, password: 'pw' }));
    batch[59] = { username: 'dave', password: 'pw' };
    const r = await s.rest('POST', '/pigeon/demo/users', { token: admin, body: batch });
    expect(r.status).toBe(200);
    expect(r.body.entities).toHaveLength(59);
    expect(r.body.data).toEqual([{ username: 'dave', registerUserFailReason: 'the user already exists' }]);
  });

  it('a batch of 61 gets BAD_REQUEST; a bad name in a batch gets BAD_REQUEST with its index in details.path', async () => {
    const big = await s.rest('POST', '/pigeon/demo/users', {
      token: admin,
      body: Array.from({ length: 61 }, (_, i) => ({ username: `x${i}` })),
    });
    expect(big.status).toBe(400);
    expect(big.body.name).toBe('BAD_REQUEST');
    const bad = await s.rest('POST', '/pigeon/demo/users', {
      token: admin,
      body: [{ username: 'ok1' }, { username: 'not ok!' }],
    });
    expect(bad.body).toMatchObject({ name: 'BAD_REQUEST', details: { path: '/1/username' } });
    const wrongType = await s.rest('POST', '/pigeon/demo/users', {
      token: admin,
      body: { username: 'ok2', password: 42 },
    });
    expect(wrongType.body).toMatchObject({ name: 'BAD_REQUEST', details: { path: '/password' } });
  });

  it('with open registration off, registering without an admin token gets REGISTRATION_CLOSED (403)', async () => {
    const app = await s.createApp({ org: 'closed', name: 'app' });
    const none = await s.rest('POST', '/closed/app/users', { body: { username: 'eve', password: 'pw' } });
    expect(none.status).toBe(403);
    expect(none.body.name).toBe('REGISTRATION_CLOSED');
    const ok = await s.rest('POST', '/closed/app/users', {
      token: await s.adminToken(app.appKey),
      body: { username: 'eve', password: 'pw' },
    });
    expect(ok.status).toBe(200);
  });

  it('gets one user (admin or itself), and USER_NOT_FOUND for a missing one', async () => {
    const r = await s.rest('GET', '/pigeon/demo/users/dave', { token: admin });
    expect(r.body.entities[0].username).toBe('dave');
    const self = await s.rest('GET', '/pigeon/demo/users/dave', { token: await s.tokenFor('dave') });
    expect(self.status).toBe(200);
    const otherUser = await s.rest('GET', '/pigeon/demo/users/u1', { token: await s.tokenFor('dave') });
    expect(otherUser.body.name).toBe('FORBIDDEN');
    const missing = await s.rest('GET', '/pigeon/demo/users/ghost', { token: admin });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ name: 'USER_NOT_FOUND', error: 'service_resource_not_found' });
  });

  it('lists users in pages with a cursor, covering everyone once', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const r = await s.rest('GET', `/pigeon/demo/users?limit=25${cursor ? `&cursor=${cursor}` : ''}`, {
        token: admin,
      });
      expect(r.status).toBe(200);
      seen.push(...r.body.entities.map((e: { username: string }) => e.username));
      cursor = r.body.cursor;
    } while (cursor);
    expect(seen).toHaveLength(new Set(seen).size);
    expect(seen).toContain('dave');
    expect(seen.length).toBe(60);
    const bad = await s.rest('GET', '/pigeon/demo/users?limit=abc', { token: admin });
    expect(bad.body).toMatchObject({ name: 'BAD_REQUEST', details: { path: '/querystring/limit' } });
  });

  it('deactivate closes sessions with kicked(deactivated) + 4007 and refuses login; activate restores', async () => {
    await s.createUsers(['frank']);
    const c = await RawClient.login(s.wsUrl, 'pigeon#demo', await s.tokenFor('frank'));
    const r = await s.rest('POST', '/pigeon/demo/users/frank/deactivate', { token: admin });
    expect(r.body.entities[0]).toMatchObject({ username: 'frank', activated: false });
    expect(await c.event('kicked')).toEqual({ reason: 'deactivated' });
    expect((await c.closed).code).toBe(4007);
    const login = await s.rest('POST', '/pigeon/demo/token', {
      body: { grant_type: 'password', username: 'frank', password: 'pw-frank' },
    });
    expect(login.body.name).toBe('USER_DEACTIVATED');
    const act = await s.rest('POST', '/pigeon/demo/users/frank/activate', { token: admin });
    expect(act.body.action).toBe('activate user');
    const again = await s.rest('POST', '/pigeon/demo/token', {
      body: { grant_type: 'password', username: 'frank', password: 'pw-frank' },
    });
    expect(again.status).toBe(200);
  });

  it('status tells online/offline; disconnect kicks every session (kicked admin, 4003)', async () => {
    await s.createUsers(['gina']);
    const st = () => s.rest('GET', '/pigeon/demo/users/gina/status', { token: admin });
    expect((await st()).body.data).toEqual({ gina: 'offline' });
    const c = await RawClient.login(s.wsUrl, 'pigeon#demo', await s.tokenFor('gina'));
    expect((await st()).body.data).toEqual({ gina: 'online' });
    const d = await s.rest('GET', '/pigeon/demo/users/gina/disconnect', { token: admin });
    expect(d.body.data).toEqual({ result: true });
    expect(await c.event('kicked')).toEqual({ reason: 'admin' });
    expect((await c.closed).code).toBe(4003);
    expect((await st()).body.data).toEqual({ gina: 'offline' });
  });

  it('delete removes the user and closes its sessions', async () => {
    await s.createUsers(['hank']);
    const c = await RawClient.login(s.wsUrl, 'pigeon#demo', await s.tokenFor('hank'));
    const r = await s.rest('DELETE', '/pigeon/demo/users/hank', { token: admin });
    expect(r.body.entities[0].username).toBe('hank');
    expect((await c.closed).code).toBe(4003);
    expect((await s.rest('GET', '/pigeon/demo/users/hank', { token: admin })).status).toBe(404);
  });

  it('malformed JSON gets BAD_REQUEST, an oversized body FRAME_TOO_LARGE (413), and the server stays up', async () => {
    const bad = await s.rest('POST', '/pigeon/demo/users', { token: admin, raw: '{"username": "x",' });
    expect(bad.status).toBe(400);
    expect(bad.body.name).toBe('BAD_REQUEST');
    const big = await s.rest('POST', '/pigeon/demo/users', {
      token: admin,
      raw: JSON.stringify({ username: 'big', nickname: 'x'.repeat(70 * 1024) }),
    });
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ name: 'FRAME_TOO_LARGE', error: 'request_entity_too_large' });
    const noType = await s.rest('POST', '/pigeon/demo/users', {
      token: admin,
      raw: '{"username":"plain"}',
      headers: { 'content-type': 'text/plain' },
    });
    expect(noType.status).toBe(200);
    expect((await s.rest('GET', '/health')).status).toBe(200);
  });

  it('password change needs a newpassword string (wrong type gets BAD_REQUEST /newpassword)', async () => {
    const r = await s.rest('PUT', '/pigeon/demo/users/dave/password', { token: admin, body: { newpassword: 5 } });
    expect(r.body).toMatchObject({ name: 'BAD_REQUEST', details: { path: '/newpassword' } });
  });
});
