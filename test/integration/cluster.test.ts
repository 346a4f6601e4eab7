/**
 * Cluster mode: two Pigeon nodes on one real PostgreSQL and one real Redis. Users on different
 * nodes chat 1:1, see each other online, kick each other's sessions; Redis restarting mid-traffic
 * loses no acked message. (Groups across nodes: not yet, groups have not landed.) Runs whenever
 * the postgres and redis-server binaries are installed (always in CI); says so loudly otherwise.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import SDK from '@pigeon/sdk';
import type { TestEnv } from '../helpers/env.js';
import { hasPostgres, warnSkipped } from '../helpers/pg.js';
import { hasRedis, type TestRedis } from '../helpers/redis.js';
import { startTwoNodes, type TwoNodes } from '../helpers/two-nodes.js';
import { waitFor } from '../helpers/wait.js';

const enabled = hasPostgres && hasRedis;
if (!enabled) warnSkipped('integration cluster');

const txt = (to: string, msg: string) => SDK.message.create({ type: 'txt', chatType: 'singleChat', to, msg });

describe.skipIf(!enabled)('cluster: two nodes, PostgreSQL and Redis', () => {
  let nodes: TwoNodes | undefined;
  let redis: TestRedis;
  let n1: TestEnv;
  let n2: TestEnv;
  beforeAll(async () => {
    nodes = await startTwoNodes();
    ({ redis, n1, n2 } = nodes);
    await n1.users('alice', 'bob', 'carol', 'dave', 'erin', 'fred');
  });
  afterAll(async () => {
    await nodes?.close();
  });

  it('users on different nodes chat 1:1 in order and see each other online', async () => {
    const alice = await n1.login('alice');
    const bob = await n2.login('bob');
    for (let i = 0; i < 20; i++) await alice.conn.send(txt('bob', `a${i}`));
    for (let i = 0; i < 20; i++) await bob.conn.send(txt('alice', `b${i}`));
    await waitFor(() => bob.inbox.texts().length >= 20 && alice.inbox.texts().length >= 20, 'both inboxes');
    expect(bob.inbox.texts()).toEqual(Array.from({ length: 20 }, (_, i) => `a${i}`));
    expect(alice.inbox.texts()).toEqual(Array.from({ length: 20 }, (_, i) => `b${i}`));
    const app = await n1.srv.core.apps.get(n1.srv.defaultApp!.appKey);
    expect(await n1.srv.core.users.isOnline(app, 'bob')).toBe(true);
    await bob.conn.close();
    await waitFor(async () => !(await n1.srv.core.users.isOnline(app, 'bob')), 'bob offline on node 1');
  });

  it('a user’s second device on another node gets the messages the first sent (multi-device sync)', async () => {
    const c1 = await n1.login('carol');
    const c2 = await n2.login('carol');
    const dave = await n2.login('dave');
    await c1.conn.send(txt('dave', 'from phone'));
    await waitFor(() => dave.inbox.texts().length === 1 && c2.inbox.texts().length === 1, 'dave and the tablet');
    expect(c2.inbox.texts()).toEqual(['from phone']);
  });

  it('a kick reaches a session on another node', async () => {
    const appKey = n1.srv.defaultApp!.appKey;
    // Set through node 1 only: node 2 drops its cached copy through the bus (cluster-admin.test.ts).
    const setPolicy = async (multiDevice: 'single' | 'multi') => {
      await n1.srv.updateAppSettings(appKey, { multiDevice });
      await waitFor(async () => (await n2.srv.core.apps.get(appKey)).settings.multiDevice === multiDevice, 'node 2');
    };
    await setPolicy('single');
    try {
      const first = await n1.login('erin');
      await n2.login('erin');
      await waitFor(() => first.inbox.of('onDisconnected').length > 0, 'the first session to be kicked');
    } finally {
      await setPolicy('multi');
    }
  });

  it('Redis restarting mid-traffic: every send is acked or refused as UNAVAILABLE, and every ack is stored once', async () => {
    const fred = await n1.login('fred');
    const acked = new Map<string, string>();
    const refused: string[] = [];
    const sendOne = async (i: number) => {
      try {
        const ack = (await fred.conn.send(txt('alice', `r${i}`))) as { serverMsgId: string };
        acked.set(`r${i}`, ack.serverMsgId);
      } catch (e) {
        expect((e as { type?: string; code?: string }).type ?? (e as { code?: string }).code).toMatch(/UNAVAILABLE/);
        refused.push(`r${i}`);
      }
    };
    for (let i = 0; i < 10; i++) await sendOne(i);
    await redis.down(true);
    await waitFor(() => !n1.srv.core.hub.available, 'node 1 to see Redis gone');
    // Refused as UNAVAILABLE while Redis is down: the SDK sends them again until they are acked.
    const during = Array.from({ length: 10 }, (_, i) => sendOne(10 + i));
    await redis.up();
    await waitFor(() => n1.srv.core.hub.available, 'node 1 to reconnect to Redis');
    await Promise.all(during);
    for (let i = 20; i < 30; i++) await sendOne(i);
    expect(acked.size + refused.length).toBe(30);
    expect(acked.has('r29')).toBe(true); // recovered by itself
    const history = await fred.conn.getHistoryMessages({ targetId: 'alice', chatType: 'singleChat', pageSize: 50 });
    const stored = history.messages.map((m) => (m as { msg: string }).msg).filter((t) => t.startsWith('r'));
    expect(new Set(stored).size).toBe(stored.length);
    for (const text of acked.keys()) expect(stored).toContain(text);
  });
});
