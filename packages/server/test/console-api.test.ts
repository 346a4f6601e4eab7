/** The web console's API: sign-in, cookie session, anti-CSRF, throttling, expiry, and refusal of anyone else. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../test/helpers/wait.js';
import { startTestServer, type Json, type TestServer } from './helpers/server.js';

const PASSWORD = 'console-test-password';

interface Reply {
  status: number;
  body: Json;
  cookie: string | null;
}

async function call(
  s: TestServer,
  method: string,
  path: string,
  o: { body?: unknown; cookie?: string; csrf?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...(o.headers ?? {}) };
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  if (o.cookie) headers.cookie = o.cookie;
  if (o.csrf) headers['x-csrf-token'] = o.csrf;
  const res = await fetch(`${s.httpUrl}/console/api${path}`, {
    method,
    headers,
    body: o.body === undefined ? undefined : JSON.stringify(o.body),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text ? (JSON.parse(text) as Json) : undefined,
    cookie: res.headers.get('set-cookie'),
  };
}

async function signIn(s: TestServer, password = PASSWORD): Promise<{ cookie: string; csrf: string; raw: string }> {
  const r = await call(s, 'POST', '/login', { body: { username: 'admin', password } });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return { cookie: r.cookie!.split(';')[0]!, csrf: r.body.csrf as string, raw: r.cookie! };
}

describe('console API', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ console: { adminPassword: PASSWORD } });
  });
  afterAll(() => s.close());

  it('signs in with the right password: an HttpOnly SameSite=Strict cookie scoped to /console, and a CSRF token', async () => {
    const { raw, csrf, cookie } = await signIn(s);
    expect(raw).toMatch(/HttpOnly/);
    expect(raw).toMatch(/SameSite=Strict/);
    expect(raw).toMatch(/Path=\/console/);
    expect(csrf.length).toBeGreaterThan(20);
    const me = await call(s, 'GET', '/session', { cookie });
    expect(me.body).toMatchObject({ username: 'admin', csrf });
    const apps = await call(s, 'GET', '/apps', { cookie });
    expect(apps.body.apps.map((a: Json) => a.appKey)).toContain('pigeon#demo');
    expect(JSON.stringify(apps.body)).not.toContain((await s.core.apps.get('pigeon#demo')).clientSecret);
  });

  it('refuses a wrong password with AUTH_FAILED, and an unknown administrator the same way', async () => {
    for (const body of [
      { username: 'admin', password: 'nope' },
      { username: 'root', password: PASSWORD },
    ]) {
      const r = await call(s, 'POST', '/login', { body });
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ name: 'AUTH_FAILED', code: 2002 });
      expect(r.cookie).toBeNull();
    }
  });

  it('refuses bad sign-in bodies with BAD_REQUEST', async () => {
    const r = await call(s, 'POST', '/login', { body: { username: 'admin' } });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ name: 'BAD_REQUEST' });
  });

  it('refuses every call without a session with NOT_AUTHENTICATED: no cookie, a forged one, an app admin or user token', async () => {
    const adminToken = await s.adminToken();
    await s.createUsers(['console-u1']);
    const userToken = await s.tokenFor('console-u1');
    const attempts: Record<string, string>[] = [
      {},
      { cookie: 'pigeon_console=forged-session-id' },
      { authorization: `Bearer ${adminToken}` },
      { authorization: `Bearer ${userToken}` },
    ];
    for (const headers of attempts) {
      for (const [method, path] of [
        ['GET', '/apps'],
        ['GET', '/stats'],
        ['POST', '/apps'],
      ] as const) {
        const r = await call(s, method, path, {
          headers,
          ...(method === 'POST' ? { body: { org: 'x', name: 'y' } } : {}),
        });
        expect(r.status, `${method} ${path} ${JSON.stringify(headers)}`).toBe(401);
        expect(r.body).toMatchObject({ name: 'NOT_AUTHENTICATED' });
      }
    }
  });

  it('refuses changes without the anti-CSRF header, with a wrong one, or from another origin (FORBIDDEN)', async () => {
    const { cookie, csrf } = await signIn(s);
    const body = { org: 'csrf', name: 'one' };
    const missing = await call(s, 'POST', '/apps', { cookie, body });
    expect(missing.status).toBe(403);
    expect(missing.body).toMatchObject({ name: 'FORBIDDEN' });
    const wrong = await call(s, 'POST', '/apps', { cookie, body, csrf: `${csrf.slice(1)}x` });
    expect(wrong.body).toMatchObject({ name: 'FORBIDDEN' });
    const foreign = await call(s, 'POST', '/apps', { cookie, body, csrf, headers: { origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    expect(foreign.body).toMatchObject({ name: 'FORBIDDEN' });
    expect(await s.core.apps.find('csrf#one')).toBeUndefined();
    const ok = await call(s, 'POST', '/apps', { cookie, body, csrf, headers: { origin: s.httpUrl } });
    expect(ok.status).toBe(200);
    expect(ok.body.app.appKey).toBe('csrf#one');
  });

  it('signs out: the cookie stops working', async () => {
    const { cookie, csrf } = await signIn(s);
    expect((await call(s, 'POST', '/logout', { cookie, csrf })).status).toBe(200);
    const after = await call(s, 'GET', '/apps', { cookie });
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ name: 'NOT_AUTHENTICATED' });
  });

  it('creates apps, shows the secret once at creation and on reveal, and rotating it revokes the old tokens', async () => {
    const { cookie, csrf } = await signIn(s);
    const created = await call(s, 'POST', '/apps', { cookie, csrf, body: { org: 'acme', name: 'shop' } });
    expect(created.body.app).toMatchObject({ appKey: 'acme#shop', org: 'acme', name: 'shop' });
    const secret = created.body.clientSecret as string;
    expect(secret).toBe((await s.core.apps.get('acme#shop')).clientSecret);
    const view = await call(s, 'GET', '/apps/acme/shop', { cookie });
    expect(JSON.stringify(view.body)).not.toContain(secret);
    const revealed = await call(s, 'POST', '/apps/acme/shop/secret/reveal', { cookie, csrf });
    expect(revealed.body.clientSecret).toBe(secret);

    const before = await s.adminToken('acme#shop');
    const rotated = await call(s, 'POST', '/apps/acme/shop/secret/rotate', { cookie, csrf });
    expect(rotated.body.clientSecret).not.toBe(secret);
    const refused = await s.rest('GET', '/acme/shop/users', { token: before });
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ name: 'TOKEN_INVALID' });
    const dup = await call(s, 'POST', '/apps', { cookie, csrf, body: { org: 'acme', name: 'shop' } });
    expect(dup.body).toMatchObject({ name: 'BAD_REQUEST' });
    const missing = await call(s, 'GET', '/apps/acme/none', { cookie });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ name: 'APP_NOT_FOUND' });
  });

  it('edits settings from the server-described fields, and refuses bad values with BAD_REQUEST', async () => {
    const { cookie, csrf } = await signIn(s);
    const fields = (await call(s, 'GET', '/setting-fields', { cookie })).body.fields as Json[];
    expect(fields.map((f) => f.key)).toEqual(
      expect.arrayContaining([
        'openRegistration',
        'multiDevice',
        'friendsRequired',
        'tokenTtlSeconds',
        'recallWindowSeconds',
      ]),
    );
    await call(s, 'POST', '/apps', { cookie, csrf, body: { org: 'acme', name: 'set' } });
    const ok = await call(s, 'PUT', '/apps/acme/set/settings', {
      cookie,
      csrf,
      body: { settings: { openRegistration: true, multiDevice: 'single', limits: { sendsPerSecond: 5 } } },
    });
    expect(ok.body.app.settings).toMatchObject({
      openRegistration: true,
      multiDevice: 'single',
      limits: { sendsPerSecond: 5 },
    });
    const bad = await call(s, 'PUT', '/apps/acme/set/settings', {
      cookie,
      csrf,
      body: { settings: { multiDevice: 'many' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ name: 'BAD_REQUEST', details: { path: '/multiDevice' } });
  });

  it('gives the integration addresses and whitelists of the default region (this server)', async () => {
    const { cookie } = await signIn(s);
    const r = await call(s, 'GET', '/apps/pigeon/demo/integration', { cookie });
    const [region] = r.body.regions as Json[];
    expect(region).toMatchObject({
      name: 'default',
      restUrl: s.httpUrl,
      wsUrl: s.wsUrl,
      uploadUrl: `${s.httpUrl}/pigeon/demo/chatfiles`,
      whitelist: { request: [s.httpUrl], socket: [s.wsUrl.replace(/\/ws$/, '')], uploadFile: [s.httpUrl] },
    });
  });

  it('manages users: create, search, password, deactivate, activate, force logout, devices, conversations', async () => {
    const { cookie, csrf } = await signIn(s);
    const base = '/apps/pigeon/demo/users';
    expect((await call(s, 'POST', base, { cookie, csrf, body: { username: 'zed1', password: 'pw1' } })).status).toBe(
      200,
    );
    await call(s, 'POST', base, { cookie, csrf, body: { username: 'zed2', password: 'pw2' } });
    const dup = await call(s, 'POST', base, { cookie, csrf, body: { username: 'zed1', password: 'pw1' } });
    expect(dup.body).toMatchObject({ name: 'USER_EXISTS' });
    const found = await call(s, 'GET', `${base}?q=zed`, { cookie });
    expect(found.body.users.map((u: Json) => u.username)).toEqual(['zed1', 'zed2']);
    expect((await call(s, 'GET', `${base}?q=zed1`, { cookie })).body.users.map((u: Json) => u.username)).toEqual([
      'zed1',
    ]);
    expect((await call(s, 'PUT', `${base}/zed1/password`, { cookie, csrf, body: { password: 'new' } })).status).toBe(
      200,
    );
    const login = await s.rest('POST', '/pigeon/demo/token', {
      body: { grant_type: 'password', username: 'zed1', password: 'new' },
    });
    expect(login.status).toBe(200);
    const off = await call(s, 'POST', `${base}/zed1/deactivate`, { cookie, csrf });
    expect(off.body.user).toMatchObject({ username: 'zed1', activated: false });
    const on = await call(s, 'POST', `${base}/zed1/activate`, { cookie, csrf });
    expect(on.body.user.activated).toBe(true);
    expect((await call(s, 'POST', `${base}/zed1/disconnect`, { cookie, csrf })).status).toBe(200);
    expect((await call(s, 'GET', `${base}/zed1/devices`, { cookie })).body.devices).toEqual([]);
    expect((await call(s, 'GET', `${base}/zed1/conversations`, { cookie })).body.conversations).toEqual([]);
    const none = await call(s, 'POST', `${base}/nobody/deactivate`, { cookie, csrf });
    expect(none.status).toBe(404);
    expect(none.body).toMatchObject({ name: 'USER_NOT_FOUND' });
  });

  it('reads a conversation log, recalls a message from it, and gives live figures', async () => {
    const { cookie, csrf } = await signIn(s);
    await s.createUsers(['log-a', 'log-b']);
    const admin = await s.adminToken();
    for (const text of ['one', 'two', 'three'])
      await s.rest('POST', '/pigeon/demo/messages/users', {
        token: admin,
        body: { from: 'log-a', to: ['log-b'], type: 'txt', body: { msg: text } },
      });
    const page = await call(s, 'GET', '/apps/pigeon/demo/messages?conv=s:log-a:log-b&limit=2', { cookie });
    expect(page.body.msgs.map((m: Json) => m.body.text)).toEqual(['three', 'two']);
    const rest = await call(s, 'GET', `/apps/pigeon/demo/messages?conv=s:log-a:log-b&before=${page.body.cursor}`, {
      cookie,
    });
    expect(rest.body).toMatchObject({ cursor: null });
    expect(rest.body.msgs.map((m: Json) => m.body.text)).toEqual(['one']);
    const recalled = await call(s, 'POST', '/apps/pigeon/demo/messages/recall', {
      cookie,
      csrf,
      body: { conv: 's:log-a:log-b', id: rest.body.msgs[0].id },
    });
    expect(recalled.body).toMatchObject({ recalled: true });
    const after = await call(s, 'GET', '/apps/pigeon/demo/messages?conv=s:log-a:log-b', { cookie });
    expect(after.body.msgs[2]).toMatchObject({ recalled: true, body: {} });
    const gone = await call(s, 'POST', '/apps/pigeon/demo/messages/recall', {
      cookie,
      csrf,
      body: { conv: 's:log-a:log-b', id: '123' },
    });
    expect(gone.body).toMatchObject({ name: 'MESSAGE_NOT_FOUND' });
    const bad = await call(s, 'GET', '/apps/pigeon/demo/messages?conv=nonsense', { cookie });
    expect(bad.body).toMatchObject({ name: 'BAD_REQUEST' });
    const stats = await call(s, 'GET', '/stats', { cookie });
    expect(stats.body.messages).toBeGreaterThanOrEqual(3);
    expect(stats.body.apps.map((a: Json) => a.appKey)).toContain('pigeon#demo');
  });

  it('manages groups and chatrooms: create with an owner, list, members, dissolve', async () => {
    const { cookie, csrf } = await signIn(s);
    await s.createUsers(['grp-owner', 'grp-m1']);
    const base = '/apps/pigeon/demo';
    const g = await call(s, 'POST', `${base}/groups`, {
      cookie,
      csrf,
      body: { name: 'Team', owner: 'grp-owner', members: ['grp-m1'] },
    });
    expect(g.status, JSON.stringify(g.body)).toBe(200);
    const groupId = g.body.groupId as string;
    const list = await call(s, 'GET', `${base}/groups`, { cookie });
    expect(list.body.groups).toContainEqual(
      expect.objectContaining({ id: groupId, name: 'Team', owner: 'grp-owner', members: 2 }),
    );
    const members = await call(s, 'GET', `${base}/groups/${groupId}/members`, { cookie });
    expect(members.body.members.map((m: Json) => m.user).sort()).toEqual(['grp-m1', 'grp-owner']);
    const noOwner = await call(s, 'POST', `${base}/groups`, { cookie, csrf, body: { name: 'X', owner: 'nobody' } });
    expect(noOwner.body).toMatchObject({ name: 'USER_NOT_FOUND' });
    const noCsrf = await call(s, 'DELETE', `${base}/groups/${groupId}`, { cookie });
    expect(noCsrf.body).toMatchObject({ name: 'FORBIDDEN' });
    expect((await call(s, 'DELETE', `${base}/groups/${groupId}`, { cookie, csrf })).body).toEqual({ dissolved: true });
    const gone = await call(s, 'GET', `${base}/groups/${groupId}/members`, { cookie });
    expect(gone.status).toBe(404);

    const r = await call(s, 'POST', `${base}/chatrooms`, { cookie, csrf, body: { name: 'Lobby', owner: 'grp-owner' } });
    const roomId = r.body.roomId as string;
    const rooms = await call(s, 'GET', `${base}/chatrooms`, { cookie });
    expect(rooms.body.rooms).toContainEqual(expect.objectContaining({ roomId, name: 'Lobby', owner: 'grp-owner' }));
    expect((await call(s, 'GET', `${base}/chatrooms/${roomId}/members`, { cookie })).body.owner).toBe('grp-owner');
    expect((await call(s, 'DELETE', `${base}/chatrooms/${roomId}`, { cookie, csrf })).body).toEqual({
      dissolved: true,
    });
    expect((await call(s, 'GET', `${base}/chatrooms`, { cookie })).body.rooms).toEqual([]);
  });

  it('throttles sign-in after repeated failures (RATE_LIMITED), even with the right password', async () => {
    const t = await startTestServer({ console: { adminPassword: PASSWORD } });
    try {
      for (let i = 0; i < 5; i++)
        await call(t, 'POST', '/login', { body: { username: 'admin', password: `bad-${i}` } });
      const r = await call(t, 'POST', '/login', { body: { username: 'admin', password: PASSWORD } });
      expect(r.status).toBe(429);
      expect(r.body).toMatchObject({ name: 'RATE_LIMITED' });
    } finally {
      await t.close();
    }
  });

  it('expires sessions after sessionTtlSeconds', async () => {
    const t = await startTestServer({ console: { adminPassword: PASSWORD, sessionTtlSeconds: 1 } });
    try {
      const { cookie } = await signIn(t);
      expect((await call(t, 'GET', '/session', { cookie })).status).toBe(200);
      const expired = await waitFor(async () => {
        const r = await call(t, 'GET', '/session', { cookie });
        return r.status === 401 ? r : undefined;
      }, 'the session to expire');
      expect(expired.body).toMatchObject({ name: 'NOT_AUTHENTICATED' });
      expect(expired.body.error_description).toMatch(/expired/);
    } finally {
      await t.close();
    }
  });
});

describe('console administrator account', () => {
  it('generates a password on first start only; PIGEON_ADMIN_PASSWORD sets it', async () => {
    const first = await startTestServer();
    const dataDir = first.dataDir;
    const generated = first.console.generatedPassword!;
    expect(generated.length).toBeGreaterThanOrEqual(16);
    expect((await call(first, 'POST', '/login', { body: { username: 'admin', password: generated } })).status).toBe(
      200,
    );
    await first.stop();
    const again = await startTestServer({ dataDir });
    expect(again.console.generatedPassword).toBeUndefined();
    await again.stop();
    const reset = await startTestServer({ dataDir, env: { PIGEON_ADMIN_PASSWORD: 'from-env-password' } });
    try {
      expect(reset.console.generatedPassword).toBeUndefined();
      const old = await call(reset, 'POST', '/login', { body: { username: 'admin', password: generated } });
      expect(old.body).toMatchObject({ name: 'AUTH_FAILED' });
      const ok = await call(reset, 'POST', '/login', { body: { username: 'admin', password: 'from-env-password' } });
      expect(ok.status).toBe(200);
    } finally {
      await reset.close();
    }
  });
});

describe('console behind HTTPS', () => {
  it('marks the session cookie Secure when the public URL is https, and accepts that origin behind a proxy', async () => {
    // A reserved name: nothing resolves it; the test talks to the listening address directly.
    const s = await startTestServer({ publicUrl: 'https://pigeon.test', console: { adminPassword: PASSWORD } });
    try {
      const res = await fetch(`http://127.0.0.1:${s.port}/console/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: PASSWORD }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('set-cookie')).toMatch(/; Secure/);
      // Behind a proxy the Host may differ: the public URL's origin is accepted, another is not.
      const from = (origin: string) =>
        fetch(`http://127.0.0.1:${s.port}/console/api/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin },
          body: JSON.stringify({ username: 'admin', password: PASSWORD }),
        });
      expect((await from('https://pigeon.test')).status).toBe(200);
      const evil = await from('https://evil.test');
      expect(evil.status).toBe(403);
      expect(await evil.json()).toMatchObject({ name: 'FORBIDDEN' });
    } finally {
      await s.close();
    }
  });
});
