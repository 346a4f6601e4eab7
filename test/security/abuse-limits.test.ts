// Abuse limits beyond one connection: password guessing, open-registration floods, upload floods and
// sends per user over all devices. Each refusal is RATE_LIMITED (429) with retryAfterMs; other users
// and the admin are unaffected. In a cluster the counters live in Redis and hold across nodes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Json, type TestServer } from '../../packages/server/test/helpers/server.js';
import { RawClient, txt } from '../../packages/server/test/helpers/ws-client.js';
import { hasPostgres, sharedPostgres } from '../helpers/pg.js';
import { hasRedis, startRedis, type TestRedis } from '../helpers/redis.js';

const HOUR = 3_600_000;
const abuse = {
  loginFailuresPerUser: { max: 3, windowMs: HOUR },
  loginFailuresPerAddress: { max: 8, windowMs: HOUR },
  registrationsPerAddress: { max: 4, windowMs: HOUR },
  uploadsPerUser: { max: 2, windowMs: HOUR },
  sendsPerUser: { max: 5, windowMs: HOUR },
};

async function login(s: TestServer, user: string, password: string) {
  return s.rest('POST', '/pigeon/demo/token', { body: { grant_type: 'password', username: user, password } });
}

function expectLimited(r: { status: number; body: Json }) {
  expect(r.status, JSON.stringify(r.body)).toBe(429);
  expect(r.body).toMatchObject({ name: 'RATE_LIMITED', code: 1006 });
  expect(r.body.retryAfterMs).toBeGreaterThan(0);
  expect(r.body.retryAfterMs).toBeLessThanOrEqual(HOUR);
}

describe('abuse limits on one node', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ abuse });
    await s.createUsers(['victim', 'other', 'sender', 'peer', 'uploader']);
  });
  afterAll(() => s.close());

  it('password guessing: after 3 failures even the right password is refused with retryAfterMs; other users log in', async () => {
    for (let i = 0; i < 3; i++) expect((await login(s, 'victim', `guess-${i}`)).body.name).toBe('AUTH_FAILED');
    expectLimited(await login(s, 'victim', 'pw-victim'));
    expectLimited(await login(s, 'VICTIM', 'guess-4')); // names are case-insensitive
    expect((await login(s, 'other', 'pw-other')).status).toBe(200);
  });

  it('a right password before the limit clears the failures', async () => {
    for (let i = 0; i < 2; i++) await login(s, 'other', `guess-${i}`);
    expect((await login(s, 'other', 'pw-other')).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await login(s, 'other', `guess-${i}`)).body.name).toBe('AUTH_FAILED');
    expect((await login(s, 'other', 'pw-other')).status).toBe(200);
  });

  it('guessing across many user names from one address is limited too (unknown users count)', async () => {
    let last: { status: number; body: Json } | undefined;
    for (let i = 0; i < 6 && last?.status !== 429; i++) last = await login(s, `nobody-${i}`, 'x');
    expectLimited(last!);
  });

  it('open registration: 4 users per address, then RATE_LIMITED; the admin token is not limited', async () => {
    const reg = (body: unknown, token?: string) => s.rest('POST', '/pigeon/demo/users', { body, token });
    expect((await reg([1, 2, 3].map((i) => ({ username: `spam${i}`, password: 'p' })))).status).toBe(200);
    expect((await reg({ username: 'spam4', password: 'p' })).status).toBe(200);
    expectLimited(await reg({ username: 'spam5', password: 'p' }));
    const spam5 = await s.core.users.get(await s.core.apps.get('pigeon#demo'), 'spam5').catch((e: Error) => e);
    expect(spam5).toMatchObject({ type: 'USER_NOT_FOUND' });
    const admin = await s.adminToken();
    expect((await reg({ username: 'legit', password: 'p' }, admin)).status).toBe(200);
  });

  it('uploads: 2 per user, then RATE_LIMITED before the body is stored', async () => {
    const token = await s.tokenFor('uploader');
    const upload = async () => {
      const form = new FormData();
      form.append('file', new Blob(['hello']), 'a.txt');
      const res = await fetch(`${s.httpUrl}/pigeon/demo/chatfiles`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
      return { status: res.status, body: (await res.json()) as Json };
    };
    expect((await upload()).status).toBe(200);
    expect((await upload()).status).toBe(200);
    expectLimited(await upload());
  });

  it('sends per user count every device: the 6th message over two connections is RATE_LIMITED', async () => {
    const a = await RawClient.login(s.wsUrl, 'pigeon#demo', await s.tokenFor('sender'));
    const b = await RawClient.login(s.wsUrl, 'pigeon#demo', await s.tokenFor('sender'));
    for (let i = 0; i < 5; i++) await (i % 2 ? a : b).ok('msg.send', txt('peer', `m${i}`));
    const r = await a.request('msg.send', txt('peer', 'one too many'));
    expect(r.err).toMatchObject({ name: 'RATE_LIMITED', retryable: true });
    expect(r.err.retryAfterMs).toBeGreaterThan(0);
    const peer = await RawClient.login(s.wsUrl, 'pigeon#demo', await s.tokenFor('peer'));
    expect((await peer.ok('msg.send', txt('sender', 'peer is not limited'))).seq).toBeGreaterThan(0);
    for (const c of [a, b, peer]) c.close();
  });
});

describe.skipIf(!hasRedis || !hasPostgres)('abuse limits in a cluster (shared through Redis)', () => {
  let redis: TestRedis;
  let n1: TestServer;
  let n2: TestServer;
  beforeAll(async () => {
    redis = await startRedis();
    const url = await (await sharedPostgres()).database();
    n1 = await startTestServer({ abuse, redis: redis.url, nodeId: 1, db: { url } });
    n2 = await startTestServer({ abuse, redis: redis.url, nodeId: 2, db: { url } });
    await n1.createUsers(['victim']);
  });
  afterAll(async () => {
    await n1?.close();
    await n2?.close();
    await redis?.stop();
  });

  it('failed logins on two nodes add up: 2 on node 1 and 1 on node 2 lock the user on both', async () => {
    expect((await login(n1, 'victim', 'a')).body.name).toBe('AUTH_FAILED');
    expect((await login(n1, 'victim', 'b')).body.name).toBe('AUTH_FAILED');
    expect((await login(n2, 'victim', 'c')).body.name).toBe('AUTH_FAILED');
    expectLimited(await login(n1, 'victim', 'pw-victim'));
    expectLimited(await login(n2, 'victim', 'pw-victim'));
  });
});
