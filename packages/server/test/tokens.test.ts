import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintUserToken } from '@pigeon/server';
import { deriveSigningKey, signToken } from '../src/core/auth/tokens.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { RawClient } from './helpers/ws-client.js';

describe('tokens', () => {
  let s: TestServer;
  let other: { appKey: string; clientId: string; clientSecret: string };
  beforeAll(async () => {
    s = await startTestServer();
    await s.createUsers(['alice', 'bob']);
    other = await s.createApp({ org: 'other', name: 'app' });
    await s.createUsers(['alice'], other.appKey);
  });
  afterAll(() => s.close());

  const token = (body: unknown, app = 'pigeon/demo') => s.rest('POST', `/${app}/token`, { body });

  it('client_credentials with the right id and secret gets an admin token with expires_in and application', async () => {
    const r = await token({
      grant_type: 'client_credentials',
      client_id: s.defaultApp!.clientId,
      client_secret: s.defaultApp!.clientSecret,
      ttl: 600,
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      expires_in: 600,
      application: expect.any(String),
      access_token: expect.any(String),
    });
  });

  it('client_credentials with a wrong secret gets AUTH_FAILED (400, invalid_grant)', async () => {
    const r = await token({
      grant_type: 'client_credentials',
      client_id: s.defaultApp!.clientId,
      client_secret: 'nope',
    });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ name: 'AUTH_FAILED', error: 'invalid_grant', code: 2002 });
  });

  it('password grant gets a user token and the Easemob user entity', async () => {
    const r = await token({ grant_type: 'password', username: 'Alice', password: 'pw-alice' });
    expect(r.status).toBe(200);
    expect(r.body.user).toMatchObject({ username: 'alice', type: 'user', activated: true });
    expect(r.body.expires_in).toBe(7 * 24 * 3600);
    const c = await RawClient.login(s.wsUrl, 'pigeon#demo', r.body.access_token);
    c.close();
  });

  it('password grant with a wrong password, or an unknown user, gets AUTH_FAILED', async () => {
    for (const body of [
      { grant_type: 'password', username: 'alice', password: 'wrong' },
      { grant_type: 'password', username: 'nobody', password: 'x' },
    ]) {
      const r = await token(body);
      expect(r.status).toBe(400);
      expect(r.body.name).toBe('AUTH_FAILED');
    }
  });

  it('a grant missing its fields gets BAD_REQUEST naming the field; an unknown grant_type too', async () => {
    const r = await token({ grant_type: 'password', username: 'alice' });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ name: 'BAD_REQUEST', details: { path: '/password' } });
    const r2 = await token({ grant_type: 'magic' });
    expect(r2.body).toMatchObject({ name: 'BAD_REQUEST', details: { path: '/grant_type' } });
  });

  it('an expired token gets TOKEN_EXPIRED on REST and on the WebSocket (then close 4001)', async () => {
    const app = await s.core.apps.get('pigeon#demo');
    const { token: t } = await signToken(deriveSigningKey(app.appKey, app.clientSecret), {
      typ: 'admin',
      sub: app.clientId,
      appKey: app.appKey,
      ttlSeconds: 1,
      now: Math.floor(Date.now() / 1000) - 60,
    });
    const r = await s.rest('GET', '/pigeon/demo/users', { token: t });
    expect(r.status).toBe(401);
    expect(r.body.name).toBe('TOKEN_EXPIRED');
    const { token: ut } = await signToken(deriveSigningKey(app.appKey, app.clientSecret), {
      typ: 'user',
      sub: 'alice',
      appKey: app.appKey,
      ttlSeconds: 1,
      now: Math.floor(Date.now() / 1000) - 60,
    });
    const c = await RawClient.open(s.wsUrl);
    const reply = await c.request('auth', { v: 1, appKey: 'pigeon#demo', token: ut, platform: 'web', deviceId: 'd1' });
    expect(reply.err.name).toBe('TOKEN_EXPIRED');
    expect((await c.closed).code).toBe(4001);
  });

  it('a forged token (signed with another secret) gets TOKEN_INVALID', async () => {
    const forged = await mintUserToken({
      appKey: 'pigeon#demo',
      clientSecret: 'not-the-secret',
      user: 'alice',
      ttlSeconds: 60,
    });
    const r = await s.rest('GET', '/pigeon/demo/users/alice', { token: forged });
    expect(r.status).toBe(401);
    expect(r.body.name).toBe('TOKEN_INVALID');
    const garbage = await s.rest('GET', '/pigeon/demo/users/alice', { token: 'abc.def.ghi' });
    expect(garbage.body.name).toBe('TOKEN_INVALID');
  });

  it("another app's admin token gets WRONG_TENANT on this app's paths (REST and WebSocket)", async () => {
    const otherAdmin = await s.adminToken(other.appKey);
    const r = await s.rest('GET', '/pigeon/demo/users', { token: otherAdmin });
    expect(r.status).toBe(403);
    expect(r.body.name).toBe('WRONG_TENANT');
    const sendR = await s.rest('POST', '/pigeon/demo/messages/users', {
      token: otherAdmin,
      body: { to: ['bob'], type: 'txt', body: { msg: 'x' } },
    });
    expect(sendR.body.name).toBe('WRONG_TENANT');
    const c = await RawClient.open(s.wsUrl);
    const reply = await c.request('auth', {
      v: 1,
      appKey: 'pigeon#demo',
      token: await s.tokenFor('alice', other.appKey),
      platform: 'web',
      deviceId: 'd',
    });
    expect(reply.err.name).toBe('WRONG_TENANT');
    expect((await c.closed).code).toBe(4001);
  });

  it('a token minted offline with mintUserToken logs in over the WebSocket', async () => {
    const t = await mintUserToken({
      appKey: 'pigeon#demo',
      clientSecret: s.defaultApp!.clientSecret,
      user: 'bob',
      ttlSeconds: 180 * 86400,
    });
    const c = await RawClient.open(s.wsUrl);
    const r = await c.request('auth', { v: 1, appKey: 'pigeon#demo', token: t, platform: 'wechat', deviceId: 'w1' });
    expect(r.d).toMatchObject({
      user: 'bob',
      deviceId: 'w1',
      idleTimeoutMs: 90_000,
      limits: { maxFrameBytes: 65536, maxMessageBytes: 32768, sendsPerSecond: 50 },
    });
    expect(r.d.tokenExpiresAt).toBeGreaterThan(Date.now() + 179 * 86400 * 1000);
    c.close();
  });

  it('a password change revokes earlier tokens (server-issued and offline-minted)', async () => {
    await s.createUsers(['carol']);
    const issued = (await token({ grant_type: 'password', username: 'carol', password: 'pw-carol' })).body
      .access_token as string;
    const minted = await s.tokenFor('carol');
    const admin = await s.adminToken();
    await new Promise((r) => setTimeout(r, 1100)); // offline tokens are revoked by issue time (seconds)
    const ch = await s.rest('PUT', '/pigeon/demo/users/carol/password', {
      token: admin,
      body: { newpassword: 'new-pw' },
    });
    expect(ch.status).toBe(200);
    expect(ch.body.action).toBe('set user password');
    for (const t of [issued, minted]) {
      const r = await s.rest('GET', '/pigeon/demo/users/carol', { token: t });
      expect(r.body.name).toBe('TOKEN_INVALID');
    }
    const fresh = await token({ grant_type: 'password', username: 'carol', password: 'new-pw' });
    expect((await s.rest('GET', '/pigeon/demo/users/carol', { token: fresh.body.access_token })).status).toBe(200);
  });

  it('inherit grant: the admin gets a user token without the password; without the admin token FORBIDDEN/NOT_AUTHENTICATED', async () => {
    const admin = await s.adminToken();
    const r = await s.rest('POST', '/pigeon/demo/token', {
      token: admin,
      body: { grant_type: 'inherit', username: 'bob', ttl: 60 },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ expires_in: 60, user: { username: 'bob' } });
    const c = await RawClient.login(s.wsUrl, 'pigeon#demo', r.body.access_token);
    c.close();
    const asUser = await s.rest('POST', '/pigeon/demo/token', {
      token: await s.tokenFor('alice'),
      body: { grant_type: 'inherit', username: 'bob' },
    });
    expect(asUser.body.name).toBe('FORBIDDEN');
    const none = await s.rest('POST', '/pigeon/demo/token', { body: { grant_type: 'inherit', username: 'bob' } });
    expect(none.body.name).toBe('NOT_AUTHENTICATED');
  });

  it('a user token is not an admin token: admin routes get FORBIDDEN', async () => {
    const r = await s.rest('GET', '/pigeon/demo/users', { token: await s.tokenFor('alice') });
    expect(r.status).toBe(403);
    expect(r.body.name).toBe('FORBIDDEN');
    const none = await s.rest('GET', '/pigeon/demo/users');
    expect(none.status).toBe(401);
    expect(none.body.name).toBe('NOT_AUTHENTICATED');
  });
});
