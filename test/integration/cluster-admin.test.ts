/**
 * Admin changes made through one node apply on every node at once (through the bus): app settings
 * (multi-device policy, open registration), a rotated client secret, user deactivation and forced
 * logout. Two Pigeon nodes on a real PostgreSQL and Redis; skipped, loudly, without the binaries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PigeonError } from '@pigeon/protocol';
import type { TestEnv } from '../helpers/env.js';
import { hasPostgres, warnSkipped } from '../helpers/pg.js';
import { hasRedis } from '../helpers/redis.js';
import { startTwoNodes, type TwoNodes } from '../helpers/two-nodes.js';
import { adminToken, rest } from '../helpers/rest.js';
import { waitFor } from '../helpers/wait.js';

const enabled = hasPostgres && hasRedis;
if (!enabled) warnSkipped('admin changes across nodes');

describe.skipIf(!enabled)('admin changes across two nodes', () => {
  let nodes: TwoNodes | undefined;
  let n1: TestEnv;
  let n2: TestEnv;
  let appKey: string;
  let path: string;
  const settingsOn = async (n: TestEnv) => (await n.srv.core.apps.get(appKey)).settings;
  const firstError = (inbox: { of(n: string): unknown[] }) => inbox.of('onDisconnected')[0] as PigeonError | undefined;

  beforeAll(async () => {
    nodes = await startTwoNodes();
    ({ n1, n2 } = nodes);
    appKey = n1.srv.defaultApp!.appKey;
    path = `/${appKey.replace('#', '/')}`;
    await n1.users('ann', 'bob', 'cyd', 'dan');
    await settingsOn(n2); // node 2 has the app cached before any change
  });
  afterAll(async () => {
    await nodes?.close();
  });

  it('settings changed on node 1 apply on node 2 without a restart: multi-device policy', async () => {
    await n1.srv.updateAppSettings(appKey, { multiDevice: 'single' });
    await waitFor(async () => (await settingsOn(n2)).multiDevice === 'single', 'node 2 to drop its copy');
    try {
      const first = await n2.login('ann');
      await n2.login('ann');
      await waitFor(() => firstError(first.inbox), 'the first session to be kicked');
      expect(firstError(first.inbox)).toMatchObject({ type: 'KICKED' });
    } finally {
      await n1.srv.updateAppSettings(appKey, { multiDevice: 'multi' });
      await waitFor(async () => (await settingsOn(n2)).multiDevice === 'multi', 'node 2 back to multi');
    }
  });

  it('registration closed on node 1 is closed on node 2 (REGISTRATION_CLOSED)', async () => {
    await n1.srv.updateAppSettings(appKey, { openRegistration: false });
    try {
      await waitFor(async () => !(await settingsOn(n2)).openRegistration, 'node 2 to see it');
      const r = await rest(n2.srv, 'POST', `${path}/users`, { body: { username: 'eve', password: 'pw-eve' } });
      expect(r.status).toBe(403);
      expect(r.body).toMatchObject({ name: 'REGISTRATION_CLOSED' });
    } finally {
      await n1.srv.updateAppSettings(appKey, { openRegistration: true });
      await waitFor(async () => (await settingsOn(n2)).openRegistration, 'node 2 open again');
    }
  });

  it('a user deactivated through node 1 is closed on node 2 (kicked, 4007) and cannot log in there', async () => {
    const bob = await n2.login('bob');
    const r = await rest(n1.srv, 'POST', `${path}/users/bob/deactivate`, { token: await adminToken(n1.srv) });
    expect(r.status).toBe(200);
    await waitFor(() => firstError(bob.inbox), 'bob to be closed');
    // The kicked event (reason deactivated) arrives before the 4007 close; either way no reconnect.
    expect(firstError(bob.inbox)).toMatchObject({ type: 'KICKED', details: { reason: 'deactivated' } });
    expect(bob.conn.state).toBe('kicked');
    expect(bob.inbox.of('onReconnecting')).toEqual([]);
    await expect(n2.login('bob')).rejects.toMatchObject({ type: 'USER_DEACTIVATED' });
  });

  it('a forced logout through node 1 closes the session on node 2 for good (KICKED, no reconnect)', async () => {
    const cyd = await n2.login('cyd');
    const r = await rest(n1.srv, 'GET', `${path}/users/cyd/disconnect`, { token: await adminToken(n1.srv) });
    expect(r.status).toBe(200);
    await waitFor(() => firstError(cyd.inbox), 'cyd to be kicked');
    expect(firstError(cyd.inbox)).toMatchObject({ type: 'KICKED' });
    expect(cyd.conn.state).toBe('kicked');
    expect(cyd.inbox.of('onReconnecting')).toEqual([]);
  });

  it('a client secret rotated on node 1 refuses tokens signed with the old one on node 2 (TOKEN_INVALID)', async () => {
    const grant = await rest(n2.srv, 'POST', `${path}/token`, {
      body: { grant_type: 'password', username: 'dan', password: 'pw-dan' },
    });
    const oldToken = grant.body.access_token as string;
    const rotated = await n1.srv.core.apps.rotateSecret(appKey);
    await waitFor(
      async () => (await n2.srv.core.apps.get(appKey)).clientSecret === rotated.clientSecret,
      'node 2 to drop the old secret',
    );
    const conn = n2.connection();
    await expect(conn.open({ user: 'dan', accessToken: oldToken })).rejects.toMatchObject({ type: 'TOKEN_INVALID' });
  });
});
