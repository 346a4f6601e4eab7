import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';

describe('startup', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('listens on the port it was given (0: any free one) and answers /health with 200', async () => {
    expect(s.port).toBeGreaterThan(0);
    expect(s.httpUrl).toBe(`http://127.0.0.1:${s.port}`);
    expect(s.wsUrl).toBe(`ws://127.0.0.1:${s.port}/ws`);
    const r = await s.rest('GET', '/health');
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('ok');
  });

  it('creates the default app pigeon#demo with open registration on, and credentials', async () => {
    expect(s.defaultApp).toMatchObject({ appKey: 'pigeon#demo', org: 'pigeon', name: 'demo', created: true });
    expect(s.defaultApp!.clientId).toMatch(/^YXA6/);
    expect(s.defaultApp!.clientSecret.length).toBeGreaterThan(20);
    const app = await s.core.apps.get('pigeon#demo');
    expect(app.settings.openRegistration).toBe(true);
  });

  it('new apps default to open registration off', async () => {
    const a = await s.createApp({ org: 'acme', name: 'chat' });
    expect(a.appKey).toBe('acme#chat');
    expect(a.settings.openRegistration).toBe(false);
    expect(a.settings.multiDevice).toBe('multi');
    expect(a.settings.recallWindowSeconds).toBe(120);
  });

  it('serves the OpenAPI document at /docs/json, generated from the route schemas', async () => {
    const r = await s.rest('GET', '/docs/json');
    expect(r.status).toBe(200);
    expect(r.body.openapi).toMatch(/^3\./);
    expect(Object.keys(r.body.paths)).toEqual(
      expect.arrayContaining(['/{org}/{app}/token', '/{org}/{app}/users', '/{org}/{app}/messages/users']),
    );
  });

  it('unknown route gets NOT_FOUND in an Easemob error envelope', async () => {
    const r = await s.rest('GET', '/nope/nope/nope');
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({
      error: 'service_resource_not_found',
      name: 'NOT_FOUND',
      code: 4006,
      exception: 'pigeon.NOT_FOUND',
    });
    expect(typeof r.body.error_description).toBe('string');
    expect(typeof r.body.timestamp).toBe('number');
    expect(typeof r.body.duration).toBe('number');
  });

  it('answers CORS preflights for browsers on other origins (Bearer auth, no cookies)', async () => {
    const r = await fetch(`${s.httpUrl}/pigeon/demo/token`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(r.status).toBe(204);
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    expect(r.headers.get('access-control-allow-methods')).toContain('POST');
    const get = await fetch(`${s.httpUrl}/health`, { headers: { origin: 'http://localhost:5173' } });
    expect(get.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('unknown app gets APP_NOT_FOUND', async () => {
    const r = await s.rest('POST', '/ghost/app/token', {
      body: { grant_type: 'client_credentials', client_id: 'x', client_secret: 'y' },
    });
    expect(r.status).toBe(404);
    expect(r.body.name).toBe('APP_NOT_FOUND');
  });

  it('a second start on the same data dir keeps the default app and its credentials', async () => {
    const again = await startTestServer({ dataDir: s.dataDir + '-2' });
    const first = again.defaultApp!;
    await again.stop();
    const third = await startTestServer({ dataDir: again.dataDir });
    expect(third.defaultApp).toMatchObject({ appKey: first.appKey, clientSecret: first.clientSecret, created: false });
    await third.close();
  });
});
