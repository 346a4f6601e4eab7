/**
 * The `refuse-new` device limit under simultaneous logins of one user: the check and the hold on a
 * device slot are one atomic step (per user on one node, and across nodes through Redis), so exactly
 * maxDevices logins succeed and every other one gets TOO_MANY_DEVICES, on one node and on two.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEnv, type TestEnv } from '../helpers/env.js';
import { hasPostgres, warnSkipped } from '../helpers/pg.js';
import { hasRedis } from '../helpers/redis.js';
import { userToken } from '../helpers/rest.js';
import { twoNodesPerSuite } from '../helpers/two-nodes.js';
import { waitFor } from '../helpers/wait.js';

const MAX = 3;
const LOGINS = 20;
const cluster = hasPostgres && hasRedis;
if (!cluster) warnSkipped('device limit race on two nodes');

const sessionsOf = (envs: TestEnv[], user: string) =>
  envs.reduce((n, e) => n + e.srv.core.hub.sessions().filter((s) => s.user === user).length, 0);

/**
 * LOGINS logins of `user` at once, each from its own device, spread over `envs`; with a token (no
 * password hashing to spread them out in time), so their auth frames reach the servers together.
 */
async function loginStorm(envs: TestEnv[], user: string) {
  const accessToken = await userToken(envs[0]!.srv, user);
  const results = await Promise.allSettled(
    Array.from({ length: LOGINS }, async (_, i) => {
      const conn = envs[i % envs.length]!.connection({ deviceId: `${user}-dev-${i}` });
      await conn.open({ user, accessToken });
      return conn;
    }),
  );
  const ok = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as { type?: string }] : []));
  return { ok, refused };
}

async function expectExactlyMax(envs: TestEnv[], user: string) {
  const { ok, refused } = await loginStorm(envs, user);
  expect(ok).toHaveLength(MAX);
  expect(refused).toHaveLength(LOGINS - MAX);
  for (const e of refused) expect(e).toMatchObject({ type: 'TOO_MANY_DEVICES', code: 2009 });
  expect(sessionsOf(envs, user)).toBe(MAX);
  // The refused and the successful logins left no hold behind: once one device leaves, another gets in.
  await ok[0]!.close();
  await waitFor(() => sessionsOf(envs, user) === MAX - 1, 'one device gone');
  const late = await envs[envs.length - 1]!.login(user, { deviceId: `${user}-late` });
  expect(late.conn.isOpened()).toBe(true);
  for (const c of [...ok.slice(1), late.conn]) await c.close();
}

describe('refuse-new, many simultaneous logins of one user', () => {
  describe('one node', () => {
    let env: TestEnv;
    beforeAll(async () => {
      env = await startEnv();
      await env.users('dana');
      await env.srv.updateAppSettings(env.srv.defaultApp!.appKey, { multiDevice: 'refuse-new', maxDevices: MAX });
    });
    afterAll(() => env.close());

    it(`exactly ${MAX} of ${LOGINS} succeed, the rest get TOO_MANY_DEVICES`, async () => {
      await expectExactlyMax([env], 'dana');
    });
  });

  describe.skipIf(!cluster)('two nodes (Redis)', () => {
    const nodes = twoNodesPerSuite('erin');

    it(`exactly ${MAX} of ${LOGINS} succeed across both nodes, and on one of them, the rest get TOO_MANY_DEVICES`, async () => {
      const { n1, n2 } = nodes();
      const appKey = n1.srv.defaultApp!.appKey;
      await n1.srv.updateAppSettings(appKey, { multiDevice: 'refuse-new', maxDevices: MAX });
      await waitFor(
        async () => (await n2.srv.core.apps.get(appKey)).settings.multiDevice === 'refuse-new',
        'node 2 to see the policy',
      );
      await expectExactlyMax([n1, n2], 'erin');
      await waitFor(() => sessionsOf([n1, n2], 'erin') === 0, 'erin offline');
      await expectExactlyMax([n1], 'erin'); // one node whose registry is Redis
    }, 120_000);
  });
});
