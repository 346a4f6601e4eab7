// Property-based fuzzing of every documented REST route (from the server's own OpenAPI): hostile path
// parameters, queries and bodies, with the admin token and a user token. Every answer is JSON with a
// catalogue error name or a success; never a 5xx; the heap comes back; the server keeps serving.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCatalogue } from '@pigeon/protocol';
import { startTestServer, type Json, type TestServer } from '../../packages/server/test/helpers/server.js';
import { documentedRoutes, fillPath, type RouteSpec } from '../helpers/openapi-routes.js';
import { fromSchema, hostileString } from '../helpers/schema-arb.js';
import { heapAfterGc, mb } from '../helpers/heap.js';

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
const PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 8);

let s: TestServer;
let routes: RouteSpec[];
let admin: string;
let user: string;
beforeAll(async () => {
  s = await startTestServer({ limits: { maxBodyBytes: 256 * 1024 } });
  await s.createUsers(['alice', 'bob']);
  routes = await documentedRoutes(s.httpUrl);
  admin = await s.adminToken();
  user = await s.tokenFor('alice');
});
afterAll(() => s.close());

const names = ['alice', 'bob', 'nobody', 'pigeon', 'demo'];

function requestArb(r: RouteSpec) {
  const params = fc.record(
    Object.fromEntries(r.pathParams.map((p) => [p, hostileString({ names, hugeLength: 3000 })])),
  );
  const query = fc.dictionary(
    fc.constantFrom(...Object.keys(r.query), 'x'),
    fc.oneof(hostileString({ names, hugeLength: 3000 }), fc.integer().map(String)),
    { maxKeys: 3 },
  );
  const body = r.body
    ? fc.oneof(fromSchema(r.body, { names, hugeLength: 50_000, chaos: 0.15 }), fc.jsonValue())
    : fc.option(fc.jsonValue());
  return fc.record({ params, query, body, asUser: fc.boolean(), realTenant: fc.nat(9) });
}

async function send(r: RouteSpec, x: { params: Json; query: Json; body: Json; asUser: boolean; realTenant: number }) {
  const appKey = x.realTenant === 0 ? 'no#such' : 'pigeon#demo';
  const values: Record<string, string> = {};
  for (const p of r.pathParams) if (p !== 'org' && p !== 'app') values[p] = String(x.params[p]);
  const qs = new URLSearchParams(
    Object.entries(x.query).map(([k, v]) => [k, String(v).replace(/[\ud800-\udfff]/g, '?')]),
  ).toString();
  const url = `${s.httpUrl}${fillPath(r.path, appKey, values)}${qs ? `?${qs}` : ''}`;
  const headers: Record<string, string> = { authorization: `Bearer ${x.asUser ? user : admin}` };
  let body: string | undefined;
  if (x.body !== null && x.body !== undefined && r.method !== 'GET') {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(x.body);
  }
  const res = await fetch(url, { method: r.method, headers, body });
  const text = await res.text();
  return { status: res.status, text, url: url.slice(0, 300), sent: body?.slice(0, 300) };
}

async function fuzzAll(seed: number, statuses: Map<number, number>): Promise<void> {
  for (const r of routes) {
    if (r.path.includes('/chatfiles') && r.method === 'POST') continue; // multipart: upload tests cover it
    for (const x of fc.sample(requestArb(r), { numRuns: PER_ROUTE, seed })) {
      const got = await send(r, x);
      statuses.set(got.status, (statuses.get(got.status) ?? 0) + 1);
      const where = `${r.method} ${got.url} body=${got.sent} -> ${got.status} ${got.text.slice(0, 300)}`;
      if (got.status >= 500) throw new Error(`5xx: ${where}`);
      if (r.path.includes('/chatfiles/') && got.status < 300) continue; // a file's bytes
      let parsed: Json;
      try {
        parsed = JSON.parse(got.text);
      } catch {
        throw new Error(`not JSON: ${where}`);
      }
      if (got.status >= 400 && !(parsed.name in ErrorCatalogue)) throw new Error(`untyped error: ${where}`);
    }
  }
}

describe(`REST fuzz over the OpenAPI routes (FUZZ_SEED=${SEED})`, () => {
  it('hostile params, queries and bodies on every route get JSON with a typed error or success, never 5xx', async () => {
    expect(routes.length).toBeGreaterThan(50);
    const statuses = new Map<number, number>();
    // Pass 1 warms up (Fastify compiles each route's serializer on first use, caches fill); pass 2
    // must not grow the heap much: what grows with every request is a leak.
    const start = heapAfterGc();
    await fuzzAll(SEED, statuses);
    const warm = heapAfterGc();
    await fuzzAll(SEED + 1, statuses);
    const grown = heapAfterGc() - warm;
    console.log(
      `${routes.length} routes x ${PER_ROUTE} x 2: ${JSON.stringify(Object.fromEntries(statuses))}; ` +
        `heap +${mb(warm - start)} MB warming up, +${mb(grown)} MB after`,
    );
    expect(mb(grown)).toBeLessThan(24);
    expect((await fetch(`${s.httpUrl}/health`)).status).toBe(200);
  }, 300_000);

  it('bodies nested thousands of levels deep get BAD_REQUEST, on JSON and on bodies sent without a content type', async () => {
    const deep = `{"username":"x","password":"y","ext":${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
    for (const contentType of ['application/json', 'text/plain', undefined]) {
      const res = await fetch(`${s.httpUrl}/pigeon/demo/users`, {
        method: 'POST',
        headers: contentType
          ? { 'content-type': contentType, authorization: `Bearer ${admin}` }
          : { authorization: `Bearer ${admin}` },
        body: deep,
      });
      const body = (await res.json()) as Json;
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(body.name).toBe('BAD_REQUEST');
    }
  });

  it('invalid UTF-8 and binary bodies get BAD_REQUEST', async () => {
    for (const contentType of ['application/json', 'application/octet-stream']) {
      const res = await fetch(`${s.httpUrl}/pigeon/demo/users`, {
        method: 'POST',
        headers: { 'content-type': contentType, authorization: `Bearer ${admin}` },
        body: Buffer.from([0x7b, 0x22, 0x75, 0xff, 0xfe, 0x00, 0x22, 0x3a, 0x31, 0x7d]),
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as Json).name).toBe('BAD_REQUEST');
    }
  });
});
