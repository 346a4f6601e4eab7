/**
 * The web console's API (/console/api/*) is hidden from the OpenAPI document, so the REST fuzzer and
 * the tenant matrix do not see it: here its routes are taken from the server's own route list at run
 * time (a console route added later is covered without editing this file). Every route refuses no
 * session, a forged, expired or other deployment's session, and app or user bearer tokens, with the
 * typed error; changes need the anti-CSRF header and the own origin; hostile path parameters,
 * queries and bodies from a signed-in admin get typed 4xx, never a 5xx.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCatalogue } from '@pigeon/protocol';
import type { RegisteredRoute } from '@pigeon/server';
import { startTestServer, type Json, type TestServer } from '../../packages/server/test/helpers/server.js';
import { fromSchema, hostileString } from '../helpers/schema-arb.js';
import { waitFor } from '../helpers/wait.js';

const PASSWORD = 'console-matrix-password';
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
const PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 6);
/** Routes that need no session (sign-in) or end it (the fuzz would sign itself out). */
const OPEN = new Set(['/console/api/login', '/console/api/logout']);

let s: TestServer;
let short: TestServer; // sessions of 1 s, to have an expired one
let routes: RegisteredRoute[];
let admin: { cookie: string; csrf: string };
const creds: Record<string, { cookie?: string; bearer?: string }> = {};

async function call(
  srv: TestServer,
  method: string,
  url: string,
  o: { cookie?: string; csrf?: string; bearer?: string; body?: unknown; origin?: string } = {},
) {
  const headers: Record<string, string> = {};
  if (o.cookie) headers.cookie = o.cookie;
  if (o.csrf) headers['x-csrf-token'] = o.csrf;
  if (o.bearer) headers.authorization = `Bearer ${o.bearer}`;
  if (o.origin) headers.origin = o.origin;
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${srv.httpUrl}${url}`, {
    method,
    headers,
    body: o.body === undefined ? undefined : JSON.stringify(o.body),
  });
  const text = await res.text();
  let body: Json;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = { unparsable: text.slice(0, 200) };
  }
  return { status: res.status, body, cookie: res.headers.get('set-cookie') };
}

async function signIn(srv: TestServer) {
  const r = await call(srv, 'POST', '/console/api/login', { body: { username: 'admin', password: PASSWORD } });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return { cookie: r.cookie!.split(';')[0]!, csrf: r.body.csrf as string };
}

/** Real names for the path parameters, so a refusal is about who asks, not a missing entity. */
const REAL: Record<string, string> = { org: 'pigeon', app: 'demo', username: 'alice', id: '1' };
const fill = (url: string, values: Record<string, string> = REAL) =>
  url.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(values[name] ?? `x-${name}`));
const consoleRoutes = (srv: TestServer) =>
  srv.routes().filter((r) => r.url.startsWith('/console/api/') && !OPEN.has(r.url));

beforeAll(async () => {
  s = await startTestServer({ console: { adminPassword: PASSWORD } });
  short = await startTestServer({ console: { adminPassword: PASSWORD, sessionTtlSeconds: 1 } });
  await s.createUsers(['alice', 'bob']);
  routes = consoleRoutes(s);
  admin = await signIn(s);
  const expired = await signIn(short);
  await waitFor(
    async () => (await call(short, 'GET', '/console/api/session', { cookie: expired.cookie })).status === 401,
    'the 1 s console session to expire',
  );
  creds['no session'] = {};
  creds['a forged session cookie'] = { cookie: 'pigeon_console=c2Vzc2lvbi10aGF0LWRvZXMtbm90LWV4aXN0' };
  creds['an expired session'] = { cookie: expired.cookie };
  creds["another deployment's session"] = { cookie: (await signIn(short)).cookie };
  creds["the app's admin token"] = { bearer: await s.adminToken() };
  creds["a user's token"] = { bearer: await s.tokenFor('alice') };
});
afterAll(async () => {
  await s?.close();
  await short?.close();
});

describe('console API routes, from the server route list', () => {
  it('finds the console routes at run time', () => {
    console.log(`console routes: ${routes.length}`, routes.map((r) => `${r.method} ${r.url}`).join(', '));
    expect(routes.length).toBeGreaterThanOrEqual(20);
    expect(routes.map((r) => r.url)).toContain('/console/api/apps/:org/:app/secret/reveal');
  });

  it('every route refuses every caller without a live session of this deployment (NOT_AUTHENTICATED)', async () => {
    const wrong: string[] = [];
    for (const r of routes)
      for (const [who, c] of Object.entries(creds)) {
        const res = await call(s, r.method, fill(r.url), {
          ...c,
          csrf: admin.csrf,
          body: r.method === 'GET' ? undefined : {},
        });
        if (res.status !== 401 || res.body?.name !== 'NOT_AUTHENTICATED')
          wrong.push(`${r.method} ${r.url} with ${who}: ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
      }
    expect(wrong).toEqual([]);
    // Nothing changed meanwhile.
    expect(await s.core.apps.find('pigeon#demo')).toBeDefined();
    expect((await s.rest('GET', '/pigeon/demo/users/alice', { token: await s.adminToken() })).status).toBe(200);
  });

  it('changes need the anti-CSRF header and this origin (FORBIDDEN)', async () => {
    const wrong: string[] = [];
    for (const r of routes) {
      if (r.method === 'GET') continue;
      const body = r.method === 'GET' ? undefined : {};
      for (const [what, o] of [
        ['no anti-CSRF header', { cookie: admin.cookie }],
        ['a wrong anti-CSRF header', { cookie: admin.cookie, csrf: `${admin.csrf}x` }],
        ['another origin', { cookie: admin.cookie, csrf: admin.csrf, origin: 'https://evil.example' }],
      ] as const) {
        const res = await call(s, r.method, fill(r.url), { ...o, body });
        if (res.status !== 403 || res.body?.name !== 'FORBIDDEN')
          wrong.push(`${r.method} ${r.url} with ${what}: ${res.status} ${res.body?.name}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('hostile parameters, queries and bodies from the signed-in admin: typed 4xx, never a 5xx', async () => {
    const names = ['pigeon', 'demo', 'alice', 'bob', 'nobody'];
    const failures: string[] = [];
    let calls = 0;
    for (const r of routes) {
      const params = [...r.url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
      const arb = fc.record({
        values: fc.record(Object.fromEntries(params.map((p) => [p, hostileString({ names, hugeLength: 3000 })]))),
        query: fc.dictionary(fc.constantFrom('page', 'limit', 'cursor', 'q', 'x'), hostileString({ names }), {
          maxKeys: 3,
        }),
        body: r.schema?.body
          ? fc.oneof(fromSchema(r.schema.body as Json, { names, hugeLength: 20_000, chaos: 0.2 }), fc.jsonValue())
          : fc.option(fc.jsonValue()),
      });
      await fc
        .assert(
          fc.asyncProperty(arb, async (x) => {
            calls++;
            const values = Object.fromEntries(
              Object.entries(x.values).map(([k, v]) => [k, String(v).replace(/[\ud800-\udfff]/g, '?')]),
            );
            const qs = new URLSearchParams(
              Object.entries(x.query).map(([k, v]) => [k, String(v).replace(/[\ud800-\udfff]/g, '?')]),
            ).toString();
            const body = r.method === 'GET' || x.body === null ? undefined : x.body;
            const res = await call(s, r.method, `${fill(r.url, values)}${qs ? `?${qs}` : ''}`, {
              cookie: admin.cookie,
              csrf: admin.csrf,
              body,
            });
            const typed = res.status < 400 || (res.body?.name in ErrorCatalogue && res.status < 500);
            if (!typed) failures.push(`${r.method} ${r.url}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
            return typed;
          }),
          { numRuns: PER_ROUTE, seed: SEED, endOnFailure: true },
        )
        .catch(() => undefined); // collected below, with every route's first failure
    }
    console.log(`console fuzz: ${routes.length} routes, ${calls} calls, seed ${SEED}`);
    expect(failures).toEqual([]);
    expect((await call(s, 'GET', '/console/api/session', { cookie: admin.cookie })).status).toBe(200);
  });

  it('bad sign-in bodies get a typed 400, never a 500', async () => {
    for (const body of [
      {},
      { username: 'admin' },
      { username: 1, password: [] },
      'text',
      null,
      { username: 'a'.repeat(10_000), password: 'x' },
    ]) {
      const r = await call(s, 'POST', '/console/api/login', { body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.name in ErrorCatalogue).toBe(true);
    }
  });
});
