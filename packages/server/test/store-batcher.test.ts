/**
 * The group-commit batcher over the real store (the send path's commit, without the sockets), on
 * every dialect: arrival order is seq order, dedup on (app, sender, cid), every ack after its batch's
 * commit, many sends arriving together share one commit, and a lone send commits at once (counted
 * commits with the timers frozen, never timed).
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { singleKey } from '@pigeon/protocol';
import { Batcher } from '../src/core/messages/batcher.js';
import type { CommitOutcome, NewMessage } from '../src/core/ports/messages.js';
import { openStore, repositories, type Store } from '../src/store/open-store.js';
import { hasPostgres } from '../../../test/helpers/pg.js';
import { tempDir } from './helpers/server.js';
import { postgresStores, singleMessage } from './helpers/store-fixtures.js';

const postgres = postgresStores();

const sqlite = () => openStore({ driver: 'sqlite', dataDir: tempDir('pigeon-batcher-'), durability: 'normal' });
const DIALECTS = [
  { name: 'sqlite', open: sqlite, embedded: true },
  {
    name: 'sqlite, query-builder commit',
    open: async (): Promise<Store> => {
      const store = await sqlite();
      return { ...store, repos: repositories(store.db) };
    },
    embedded: true,
  },
  ...(hasPostgres
    ? [
        {
          name: 'postgres',
          open: postgres,
          embedded: false,
        },
      ]
    : []),
];

let nextId = 0;
const message = (from: string, to: string, cid: string): NewMessage =>
  singleMessage({ from, to, cid, id: `m${++nextId}` });

/** The batcher as the send path builds it, over the store's commit; `log` records commits and acks in order. */
function batcherOver(store: Store, log: string[] = []) {
  const commits: string[][] = [];
  const b = new Batcher<NewMessage, CommitOutcome>({
    windowMs: 2,
    maxSize: 256,
    commit: async (items) => {
      const out = await store.repos.messages.commit(items, 1000);
      commits.push(items.map((m) => m.cid));
      log.push(`commit ${commits.length}`);
      return out;
    },
  });
  const send = (m: NewMessage) =>
    b.add(m).then((o) => {
      log.push(`ack ${m.cid}`);
      return o;
    });
  return { b, commits, send };
}

describe.each(DIALECTS)('batcher over the store: $name', ({ open, embedded }) => {
  const stores: Store[] = [];
  afterAll(async () => {
    for (const s of stores) await s.close();
  });
  const fresh = async () => {
    const s = await open();
    stores.push(s);
    return s;
  };

  it('many sends arriving together share one commit; arrival order is seq order; each ack follows its commit', async () => {
    const store = await fresh();
    const log: string[] = [];
    const { commits, send } = batcherOver(store, log);
    const first = send(message('ann', 'bob', 'c0'));
    await Promise.resolve(); // [c0] is committing
    const rest = Array.from({ length: 40 }, (_, i) =>
      send(message(i % 2 ? 'ann' : 'bob', i % 2 ? 'bob' : 'ann', `c${i + 1}`)),
    );
    const acks = await Promise.all([first, ...rest]);
    expect(commits).toEqual([['c0'], acks.slice(1).map((a) => a.cid)]);
    expect(acks.map((a) => a.seq)).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
    expect(log.indexOf('commit 1')).toBe(0);
    expect(log.indexOf('ack c0')).toBeGreaterThan(log.indexOf('commit 1'));
    for (let i = 1; i <= 40; i++) expect(log.indexOf(`ack c${i}`)).toBeGreaterThan(log.indexOf('commit 2'));
    const rows = await store.repos.messages.range('app', singleKey('ann', 'bob'), {
      afterSeq: 0,
      limit: 100,
      order: 'asc',
    });
    expect(rows.map((r) => r.cid)).toEqual(acks.map((a) => a.cid));
  });

  it('dedups on (app, sender, cid) within a batch and across batches: one row, the same ack', async () => {
    const store = await fresh();
    const { commits, send } = batcherOver(store);
    const [a, again, other] = await Promise.all([
      send(message('cat', 'dan', 'x')),
      send(message('cat', 'dan', 'x')),
      send(message('dan', 'cat', 'x')), // another sender's cid x is another message
    ]);
    const retry = await send(message('cat', 'dan', 'x'));
    expect(commits).toEqual([['x', 'x', 'x'], ['x']]);
    expect([again, retry].map((o) => ({ id: o.id, seq: o.seq, duplicate: o.duplicate }))).toEqual([
      { id: a.id, seq: a.seq, duplicate: true },
      { id: a.id, seq: a.seq, duplicate: true },
    ]);
    expect(other.seq).toBe(a.seq + 1);
    const rows = await store.repos.messages.range('app', singleKey('cat', 'dan'), {
      afterSeq: 0,
      limit: 10,
      order: 'asc',
    });
    expect(rows.map((r) => [r.from, r.cid, r.seq])).toEqual([
      ['cat', 'x', 1],
      ['dan', 'x', 2],
    ]);
  });

  it('a lone send commits at once: one commit, no timer', async () => {
    const store = await fresh();
    const { b, commits, send } = batcherOver(store);
    await send(message('eve', 'fay', 'warm')); // statements prepared, connection open
    await new Promise((r) => setImmediate(r)); // a quiet turn: the loop is idle again
    // Timers frozen (on the embedded store, whose commit needs none): the ack still comes.
    if (embedded) vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'setImmediate'] });
    try {
      const ack = await send(message('eve', 'fay', 'alone'));
      expect(ack.seq).toBe(2);
    } finally {
      vi.useRealTimers();
    }
    expect(commits).toEqual([['warm'], ['alone']]);
    expect(b.stats).toMatchObject({ batches: 2, items: 2, largestBatch: 1 });
  });
});
