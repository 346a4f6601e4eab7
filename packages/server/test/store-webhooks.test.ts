/**
 * The webhook outbox, run for every store dialect: two nodes on one database never lease the same
 * row, leases expire, failures back off, dead letters are listed, revived and dropped.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { NewOutboxRow } from '../src/core/ports/webhooks.js';
import { openStore, type Store } from '../src/store/open-store.js';
import { hasPostgres, startPostgres, warnSkipped, type TestPostgres } from '../../../test/helpers/pg.js';
import { tempDir } from './helpers/server.js';

let postgres: Promise<TestPostgres> | undefined;
afterAll(async () => (await postgres)?.stop());
if (!hasPostgres) warnSkipped('webhook outbox on PostgreSQL');

/** Two stores (two "nodes") on one database. */
const DIALECTS = [
  {
    name: 'sqlite',
    pair: async () => {
      const dataDir = tempDir('pigeon-outbox-');
      const a = await openStore({ driver: 'sqlite', dataDir, durability: 'normal' });
      return [a, await openStore({ driver: 'sqlite', dataDir, durability: 'normal' })];
    },
  },
  ...(hasPostgres
    ? [
        {
          name: 'postgres',
          pair: async () => {
            postgres ??= startPostgres();
            const url = await (await postgres).database();
            const open = () => openStore({ driver: 'postgres', url, poolSize: 4, dataDir: '', durability: 'normal' });
            return [await open(), await open()];
          },
        },
      ]
    : []),
];

const row = (id: string, appId = 'app1', nextAttemptAt = 100): NewOutboxRow => ({
  id,
  appId,
  eventId: `evt-${id}`,
  type: 'message.sent',
  url: 'http://127.0.0.1:1/hook',
  payload: JSON.stringify({ id: `evt-${id}` }),
  nextAttemptAt,
  createdAt: 50,
});

describe.each(DIALECTS)('webhook outbox: $name', ({ pair }) => {
  const stores: Store[] = [];
  afterAll(async () => {
    for (const s of stores) await s.close();
  });

  it('leases each due row to one node, until the lease ends', async () => {
    const [a, b] = (await pair()) as [Store, Store];
    stores.push(a, b);
    await a.repos.webhooks.enqueue([
      ...['r1', 'r2', 'r3', 'r4', 'r5'].map((id) => row(id)),
      row('r6', 'app2'),
      row('later', 'app1', 500),
    ]);
    const [x, y] = await Promise.all([
      a.repos.webhooks.claim('a', 100, 1000, 10),
      b.repos.webhooks.claim('b', 100, 1000, 10),
    ]);
    const ids = [...x, ...y].map((r) => r.id).sort();
    expect(ids).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6']);
    // Which node wins which rows is a race (one may get them all); each row is won once.
    expect([...x, ...y].find((r) => r.id === 'r1')).toMatchObject({
      appId: expect.any(String),
      attempts: 0,
      state: 'pending',
      nextAttemptAt: 100,
      createdAt: 50,
    });
    expect(await b.repos.webhooks.claim('b', 600, 1000, 10)).toEqual([expect.objectContaining({ id: 'later' })]);
    expect(await b.repos.webhooks.claim('b', 900, 2000, 10)).toEqual([]);
    const again = await b.repos.webhooks.claim('b', 1000, 2000, 3);
    expect(again).toHaveLength(3);
  });

  it('backs off failures, keeps dead letters per app, revives and drops them', async () => {
    const [a, b] = (await pair()) as [Store, Store];
    stores.push(a, b);
    const w = a.repos.webhooks;
    await w.enqueue([row('ok'), row('soon'), row('dead1'), row('dead2'), row('other', 'app2')]);
    await w.claim('a', 100, 1000, 10);
    await w.delivered('ok');
    await w.failed('soon', 1, 300, 'HTTP 500: down', false);
    await w.failed('dead1', 8, 300, 'HTTP 503', true);
    await w.failed('dead2', 8, 300, 'timeout', true);
    await w.failed('other', 8, 300, 'timeout', true);
    expect(await w.counts('app1')).toEqual({ pending: 1, dead: 2 });
    expect(await w.claim('a', 200, 1000, 10)).toEqual([]);
    expect(await w.claim('a', 300, 1000, 10)).toEqual([
      expect.objectContaining({ id: 'soon', attempts: 1, lastError: 'HTTP 500: down' }),
    ]);
    const dead = await w.listDead('app1', 10);
    expect(dead.map((d) => d.id)).toEqual(['dead2', 'dead1']);
    expect(dead[1]).toMatchObject({ state: 'dead', attempts: 8, lastError: 'HTTP 503' });
    expect((await w.listDead('app1', 10, 'dead2')).map((d) => d.id)).toEqual(['dead1']);
    expect(await w.revive('app2', 'dead1', 400)).toBe(false);
    expect(await w.revive('app1', 'dead1', 400)).toBe(true);
    expect(await w.revive('app1', 'dead1', 400)).toBe(false);
    expect(await b.repos.webhooks.claim('b', 400, 2000, 10)).toEqual([
      expect.objectContaining({ id: 'dead1', attempts: 0 }),
    ]);
    expect(await w.drop('app1', 'soon')).toBe(false);
    expect(await w.drop('app1', 'dead2')).toBe(true);
    expect(await w.counts('app1')).toEqual({ pending: 2, dead: 0 });
    expect(await w.committedAck('app1', 'amy', 'nope')).toBeUndefined();
  });
});
