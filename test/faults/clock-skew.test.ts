/**
 * Clock skew between clients and the server. Two SDK clients run in worker threads whose Date is
 * three hours ahead / behind (the server and a third client keep the real time); they chat 1:1 and
 * in a group with the third: nothing is dropped or reordered (the server's seq decides, never a
 * client's clock), and message times are the server's. Tokens minted on a machine whose clock is
 * off: accepted within the leeway, TOKEN_NOT_YET_VALID / TOKEN_EXPIRED (typed) beyond it.
 */
import { TOKEN_CLOCK_LEEWAY_SECONDS } from '@pigeon/protocol';
import { mintUserToken } from '@pigeon/server-sdk';
import SDK from '@pigeon/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEnv, type TestEnv } from '../helpers/env.js';
import { rest } from '../helpers/rest.js';
import { skewedClient, type SkewedClient, type SkewedGot } from '../helpers/skewed-client.js';
import { waitFor } from '../helpers/wait.js';

const HOUR = 3_600_000;
const ROUNDS = 8;

let env: TestEnv;
const skewed: SkewedClient[] = [];
beforeAll(async () => {
  env = await startEnv();
  await env.users('ahead', 'behind', 'ontime', 'minted');
});
afterAll(async () => {
  await Promise.allSettled(skewed.map((c) => c.close()));
  await env.close();
});

const clientOptions = () => ({
  appKey: env.srv.defaultApp!.appKey,
  url: env.srv.wsUrl,
  apiUrl: env.srv.httpUrl,
  heartBeatWait: 5_000,
});
async function client(offsetMs: number, login: { user: string; pwd?: string; accessToken?: string }) {
  const c = await skewedClient({ offsetMs, options: { ...clientOptions(), deviceId: `${login.user}-skewed` }, login });
  skewed.push(c);
  return c;
}

/** Per conversation, the seqs in arrival order must rise; returns the conversations where they did not. */
function disorder(got: SkewedGot[], convOf: (m: SkewedGot) => string): string[] {
  const bad: string[] = [];
  for (const conv of new Set(got.map(convOf))) {
    const seqs = got.filter((m) => convOf(m) === conv).map((m) => m.seq);
    if (seqs.some((q, i) => i > 0 && q <= seqs[i - 1]!)) bad.push(`${conv}: ${seqs.join(',')}`);
  }
  return bad;
}

describe('clock skew', () => {
  it('clients 3 h ahead and 3 h behind chat with an on-time one: nothing dropped or reordered', async () => {
    const ahead = await client(3 * HOUR, { user: 'ahead', pwd: 'pw-ahead' });
    const behind = await client(-3 * HOUR, { user: 'behind', pwd: 'pw-behind' });
    expect(ahead.openError).toBeUndefined();
    expect(behind.openError).toBeUndefined();
    expect((await ahead.now()) - Date.now()).toBeGreaterThan(2 * HOUR);
    expect(Date.now() - (await behind.now())).toBeGreaterThan(2 * HOUR);
    const { conn: ontime, inbox } = await env.login('ontime');
    const gid = (await ontime.createGroup({ data: { groupname: 'skew', members: ['ahead', 'behind'] } })).data!.groupid;
    const group = (msg: string) => SDK.message.create({ type: 'txt', chatType: 'groupChat', to: gid, msg });

    // Strictly alternating senders: the server's seq order is the order of these awaited sends.
    const groupSeqs: number[] = [];
    const pairSeqs: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      groupSeqs.push((await ahead.send(gid, `g-ahead-${i}`, 'groupChat')).seq);
      groupSeqs.push((await behind.send(gid, `g-behind-${i}`, 'groupChat')).seq);
      groupSeqs.push((await ontime.send(group(`g-ontime-${i}`))).message!.seq as number);
      pairSeqs.push((await ahead.send('behind', `p-ahead-${i}`)).seq);
      pairSeqs.push((await behind.send('ahead', `p-behind-${i}`)).seq);
    }
    expect(groupSeqs).toEqual(groupSeqs.map((_, i) => i + 1));
    expect(pairSeqs).toEqual(pairSeqs.map((_, i) => i + 1));

    const expectedEach = ROUNDS * 2 + ROUNDS; // group messages of the two others + the 1:1 peer's
    await waitFor(() => ahead.received.length >= expectedEach, 'ahead to get everything');
    await waitFor(() => behind.received.length >= expectedEach, 'behind to get everything');
    await waitFor(() => inbox.messages().length >= ROUNDS * 2, 'ontime to get everything');
    const ontimeGot = inbox.messages().map((m) => ({ ...m, time: m.time as number, msg: m.msg as string }));
    const convOf = (m: SkewedGot) => (m.to === gid ? gid : [m.from, m.to].sort().join('|'));
    const now = Date.now();
    for (const [who, got] of [
      ['ahead', ahead.received],
      ['behind', behind.received],
      ['ontime', ontimeGot as SkewedGot[]],
    ] as const) {
      expect(new Set(got.map((m) => m.id)).size, `${who}: each message once`).toBe(got.length);
      expect(disorder(got, convOf), `${who}: seq order`).toEqual([]);
      for (const m of got) {
        expect(m.from).not.toBe(who);
        // The time shown is the server's commit time, not the sender's clock (3 h off).
        expect(Math.abs(m.time - now), `${who}: time of ${m.msg}`).toBeLessThan(HOUR);
      }
      const groupGot = got.filter((m) => m.to === gid);
      expect(groupGot.length).toBe(ROUNDS * 2);
      // Time follows seq: the server's clock orders both.
      const times = [...groupGot].sort((x, y) => x.seq - y.seq).map((m) => m.time);
      expect(times).toEqual([...times].sort((x, y) => x - y));
    }
    for (const c of [ahead, behind]) expect(c.events).toEqual([]); // no false token expiry, no drop
  });

  it('tokens minted on a machine with a wrong clock: within the leeway accepted, beyond it typed errors', async () => {
    const app = await env.srv.core.apps.get(env.srv.defaultApp!.appKey);
    const nowS = Math.floor(Date.now() / 1000);
    const mint = (offsetS: number, ttlSeconds = 3600) =>
      mintUserToken({
        appKey: app.appKey,
        clientSecret: app.clientSecret,
        user: 'minted',
        ttlSeconds,
        now: nowS + offsetS,
      });
    const open = async (accessToken: string) => {
      const conn = env.connection();
      try {
        await conn.open({ user: 'minted', accessToken });
        return 'ok';
      } catch (e) {
        return (e as { type: string }).type;
      } finally {
        await conn.close();
      }
    };
    const restWith = async (token: string) => {
      const r = await rest(env.srv, 'GET', '/pigeon/demo/users/minted', { token });
      return r.status === 200 ? 'ok' : `${r.status} ${r.body.name}`;
    };
    const within = TOKEN_CLOCK_LEEWAY_SECONDS - 60;
    const cases: Array<[string, string, string, string]> = [
      ['minted ahead within the leeway', mint(within), 'ok', 'ok'],
      ['minted 2 h ahead', mint(2 * 3600), 'TOKEN_NOT_YET_VALID', '401 TOKEN_NOT_YET_VALID'],
      ['minted 30 min behind, 1 h life', mint(-1800), 'ok', 'ok'],
      ['minted 2 h behind, 1 h life', mint(-7200), 'TOKEN_EXPIRED', '401 TOKEN_EXPIRED'],
    ];
    const results = [];
    for (const [what, token] of cases) results.push([what, token, await open(token), await restWith(token)]);
    expect(results.map(([what, , ws, http]) => [what, ws, http])).toEqual(
      cases.map(([what, , ws, http]) => [what, ws, http]),
    );

    // The client's own clock does not matter for a token the backend minted right.
    const right = mint(0);
    for (const offset of [26 * HOUR, -26 * HOUR]) {
      const c = await client(offset, { user: 'minted', accessToken: right });
      expect(c.openError, `client clock off by ${offset / HOUR} h`).toBeUndefined();
      expect((await c.send('ontime', `from a clock ${offset / HOUR} h off`)).seq).toBeGreaterThan(0);
      await c.close();
    }
  });
});
