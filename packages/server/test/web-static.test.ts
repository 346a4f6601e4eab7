/** /console and /demo: served from the built web package with a strict CSP, or a clear 503 when not built. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, tempDir, type TestServer } from './helpers/server.js';

describe('web pages not built', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ webDir: tempDir('pigeon-noweb-') });
  });
  afterAll(() => s.close());

  it('answers 503 on /console and /demo with the command that builds them', async () => {
    for (const path of ['/console', '/console/', '/demo/index.html']) {
      const res = await fetch(`${s.httpUrl}${path}`);
      expect(res.status, path).toBe(503);
      const text = await res.text();
      expect(text).toMatch(/is not built/);
      expect(text).toContain('npm run build');
    }
  });

  it('still answers the console API', async () => {
    const res = await fetch(`${s.httpUrl}/console/api/session`);
    expect(res.status).toBe(401);
  });
});

describe('web pages built', () => {
  let s: TestServer;
  let dir: string;
  beforeAll(async () => {
    dir = tempDir('pigeon-web-');
    for (const page of ['console', 'demo']) {
      mkdirSync(join(dir, page, 'assets'), { recursive: true });
      writeFileSync(
        join(dir, page, 'index.html'),
        `<!doctype html><title>${page}</title><script type="module" src="/${page}/assets/a.js"></script>`,
      );
      writeFileSync(join(dir, page, 'assets', 'a.js'), 'console.log(1)');
    }
    s = await startTestServer({ webDir: dir });
  });
  afterAll(async () => {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html and assets with a Content-Security-Policy that forbids inline and foreign scripts', async () => {
    for (const page of ['console', 'demo']) {
      const res = await fetch(`${s.httpUrl}/${page}/`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain(`<title>${page}</title>`);
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const asset = await fetch(`${s.httpUrl}/${page}/assets/a.js`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('cache-control')).toContain('immutable');
    }
  });

  it('answers unknown files and API routes with NOT_FOUND, not with a page', async () => {
    const res = await fetch(`${s.httpUrl}/console/nope.js`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ name: 'NOT_FOUND' });
    const api = await fetch(`${s.httpUrl}/console/api/nope`);
    expect(api.status).toBe(404);
  });
});

describe('GET /{org}/{app}/messages/history', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
    await s.createUsers(['hist-a', 'hist-b']);
    const token = await s.adminToken();
    for (let i = 1; i <= 5; i++)
      await s.rest('POST', '/pigeon/demo/messages/users', {
        token,
        body: { from: 'hist-a', to: ['hist-b'], type: 'txt', body: { msg: `m${i}` } },
      });
  });
  afterAll(() => s.close());

  it('pages a conversation newest first for the app admin', async () => {
    const token = await s.adminToken();
    const first = await s.rest('GET', '/pigeon/demo/messages/history?conv=s:hist-a:hist-b&limit=3', { token });
    expect(first.status).toBe(200);
    expect(first.body.data.msgs.map((m: { body: { text: string } }) => m.body.text)).toEqual(['m5', 'm4', 'm3']);
    const next = await s.rest(
      'GET',
      `/pigeon/demo/messages/history?conv=s:hist-a:hist-b&before=${first.body.data.cursor}`,
      {
        token,
      },
    );
    expect(next.body.data.msgs.map((m: { body: { text: string } }) => m.body.text)).toEqual(['m2', 'm1']);
    expect(next.body.data.cursor).toBeNull();
  });

  it('refuses user tokens (FORBIDDEN), no token (NOT_AUTHENTICATED) and bad keys (BAD_REQUEST)', async () => {
    const user = await s.rest('GET', '/pigeon/demo/messages/history?conv=s:hist-a:hist-b', {
      token: await s.tokenFor('hist-a'),
    });
    expect(user.status).toBe(403);
    expect(user.body).toMatchObject({ name: 'FORBIDDEN' });
    const none = await s.rest('GET', '/pigeon/demo/messages/history?conv=s:hist-a:hist-b');
    expect(none.body).toMatchObject({ name: 'NOT_AUTHENTICATED' });
    const token = await s.adminToken();
    for (const q of ['conv=x:1', 'conv=s:hist-a:hist-b&limit=0', 'conv=s:hist-a:hist-b&before=abc', '']) {
      const bad = await s.rest('GET', `/pigeon/demo/messages/history?${q}`, { token });
      expect(bad.status, q).toBe(400);
      expect(bad.body).toMatchObject({ name: 'BAD_REQUEST' });
    }
  });
});
