// PigeonAdmin users calls and admin-token handling, against the real server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PigeonAdminError } from '@pigeon/server-sdk';
import { waitFor } from '../../../test/helpers/wait.js';
import { startAdminEnv, type AdminEnv } from './admin-env.js';

let e: AdminEnv;
beforeAll(async () => {
  e = await startAdminEnv();
});
afterAll(() => e.close());

const failure = async (p: Promise<unknown>): Promise<PigeonAdminError> => {
  try {
    await p;
  } catch (x) {
    if (x instanceof PigeonAdminError) return x;
    throw x;
  }
  throw new Error('expected a PigeonAdminError');
};

describe('PigeonAdmin users', () => {
  it('registers one user and many (60 per request), reporting taken names', async () => {
    const ada = await e.admin.users.register({ username: 'Ada', password: 'pw-ada', nickname: 'Ada L.' });
    expect(ada).toMatchObject({ username: 'ada', nickname: 'Ada L.', activated: true, type: 'user' });
    const many = Array.from({ length: 130 }, (_, i) => ({ username: `u${i}`, password: 'pw' }));
    const r = await e.admin.users.registerMany([...many, { username: 'ada' }]);
    expect(r.created).toHaveLength(130);
    expect(r.failed).toEqual([{ username: 'ada', reason: 'the user already exists' }]);
    const err = await failure(e.admin.users.register({ username: 'ada' }));
    expect(err).toMatchObject({ type: 'USER_EXISTS', code: 4003, status: 400, request: 'POST /users' });
  });

  it('gets, lists page by page and deletes', async () => {
    expect(await e.admin.users.get('ADA')).toMatchObject({ username: 'ada' });
    const first = await e.admin.users.list({ limit: 100 });
    expect(first.items).toHaveLength(100);
    const second = await e.admin.users.list({ limit: 100, cursor: first.cursor! });
    expect(second.items).toHaveLength(31);
    expect(second.cursor).toBeUndefined();
    expect(await e.admin.users.delete('u129')).toMatchObject({ username: 'u129' });
    expect(await failure(e.admin.users.get('u129'))).toMatchObject({ type: 'USER_NOT_FOUND', status: 404 });
  });

  it('bad input gets the typed REST error', async () => {
    expect(await failure(e.admin.users.register({ username: 'has space' }))).toMatchObject({
      type: 'BAD_REQUEST',
      code: 1003,
      status: 400,
      details: { path: '/username' },
    });
  });

  it('status and batch status follow live connections; forceLogout kicks them', async () => {
    expect(await e.admin.users.status('u1')).toBe('offline');
    const { conn, inbox } = await e.login('u1');
    expect(await e.admin.users.status('U1')).toBe('online');
    expect(await e.admin.users.batchStatus(['u1', 'u2', 'nobody'])).toEqual({
      u1: 'online',
      u2: 'offline',
      nobody: 'offline',
    });
    await e.admin.users.forceLogout('u1');
    await waitFor(() => inbox.of('onDisconnected').length > 0, 'kicked');
    await waitFor(async () => (await e.admin.users.status('u1')) === 'offline', 'offline');
    await conn.close();
  });

  it('deactivate refuses logins (USER_DEACTIVATED), activate lets them in again; password changes', async () => {
    expect(await e.admin.users.deactivate('u2')).toMatchObject({ username: 'u2', activated: false });
    const conn = e.env.connection({ appKey: e.admin.appKey });
    await expect(conn.open({ user: 'u2', pwd: 'pw' })).rejects.toMatchObject({ type: 'USER_DEACTIVATED' });
    await e.admin.users.activate('u2');
    await e.admin.users.setPassword('u2', 'fresh');
    const again = e.env.connection({ appKey: e.admin.appKey });
    await expect(again.open({ user: 'u2', pwd: 'pw' })).rejects.toMatchObject({ type: 'AUTH_FAILED' });
    await again.open({ user: 'u2', pwd: 'fresh' });
    await again.close();
  });

  it('issues server-side user tokens (inherit) the SDK logs in with', async () => {
    const { token, expiresInSeconds } = await e.admin.users.token('u3', 600);
    expect(expiresInSeconds).toBe(600);
    const conn = e.env.connection({ appKey: e.admin.appKey });
    await conn.open({ user: 'u3', accessToken: token } as never);
    await conn.close();
  });
});

describe('PigeonAdmin admin token', () => {
  it('fetches one token for many concurrent calls, and renews it shortly before expiry', async () => {
    let now = Date.now();
    const admin = e.adminWith({ tokenTtlSeconds: 1000, now: () => now });
    await Promise.all([admin.users.get('ada'), admin.users.get('u1'), admin.users.status('u2')]);
    expect(admin.adminToken.fetches).toBe(1);
    now += 850_000; // 150 s left: not yet within the last 10%
    await admin.users.get('ada');
    expect(admin.adminToken.fetches).toBe(1);
    now += 60_000; // 90 s left: renewed before the server would refuse it
    await admin.users.get('ada');
    expect(admin.adminToken.fetches).toBe(2);
  });

  it('renews the token after a 401 and repeats the call once', async () => {
    // A clock stuck in the past makes the client trust a token the server has let expire.
    const admin = e.adminWith({ tokenTtlSeconds: 1, now: () => 0 });
    await admin.users.get('ada');
    const first = await waitFor(async () => {
      const r = await fetch(`${e.creds.url}/${e.creds.org}/${e.creds.app}/users/ada`, {
        headers: { authorization: `Bearer ${await admin.adminToken.get()}` },
      });
      return r.status === 401;
    }, 'the 1 s token to expire');
    expect(first).toBe(true);
    expect(await admin.users.get('ada')).toMatchObject({ username: 'ada' });
    expect(admin.adminToken.fetches).toBe(2);
  });

  it('wrong client credentials are a typed AUTH error; a dead server is NETWORK (status 0)', async () => {
    const wrong = e.adminWith({ clientSecret: 'nope' });
    expect(await failure(wrong.users.get('ada'))).toMatchObject({
      type: 'AUTH_FAILED',
      code: 2002,
      status: 400,
      request: 'POST /token',
    });
    const otherApp = e.adminWith({ app: 'missing' });
    expect(await failure(otherApp.users.get('ada'))).toMatchObject({ type: 'APP_NOT_FOUND', status: 404 });
    const dead = e.adminWith({ url: 'http://127.0.0.1:9' });
    expect(await failure(dead.users.get('ada'))).toMatchObject({ type: 'NETWORK', status: 0, retryable: true });
    expect(() => e.adminWith({ clientId: '' })).toThrow(/clientId/);
  });
});
