/**
 * PostgreSQL shared by several nodes: migrations when three nodes start at once on an empty
 * database, seqs of one conversation hammered by two nodes, and the same retried send committed by
 * two nodes at once (both get the one stored ack).
 */
import { singleKey } from '@pigeon/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewMessage } from '../src/core/ports/messages.js';
import { openStore, type Store } from '../src/store/open-store.js';
import { hasPostgres, startPostgres, warnSkipped, type TestPostgres } from '../../../test/helpers/pg.js';
import { singleMessage } from './helpers/store-fixtures.js';

if (!hasPostgres) warnSkipped('store cluster');

const msg = (from: string, to: string, cid: string, id: string): NewMessage => singleMessage({ from, to, cid, id });

describe.skipIf(!hasPostgres)('store on PostgreSQL, several nodes', () => {
  let pg: TestPostgres;
  const stores: Store[] = [];
  const open = async (url: string) => {
    const s = await openStore({ driver: 'postgres', url, poolSize: 4, dataDir: '', durability: 'normal' });
    stores.push(s);
    return s;
  };
  beforeAll(async () => {
    pg = await startPostgres();
  });
  afterAll(async () => {
    for (const s of stores) await s.close();
    await pg?.stop();
  });

  it('three nodes starting at once on an empty database migrate it once and all open', async () => {
    const url = await pg.database();
    const nodes = await Promise.all([open(url), open(url), open(url)]);
    const applied = await nodes[0]!.db
      .selectFrom('kysely_migration' as never)
      .select('name' as never)
      .execute();
    expect(applied.length).toBeGreaterThan(0);
    expect(new Set(applied.map((r) => (r as { name: string }).name)).size).toBe(applied.length);
  });

  it('two nodes hammering one conversation get contiguous, distinct seqs', async () => {
    const url = await pg.database();
    const [n1, n2] = [await open(url), await open(url)];
    let id = 0;
    const sends = (node: Store, from: string, to: string) =>
      Array.from({ length: 20 }, (_, b) =>
        node.repos.messages.commit(
          Array.from({ length: 5 }, (_, k) => msg(from, to, `${from}-${b}-${k}`, String(++id))),
          1000,
        ),
      );
    const outcomes = (await Promise.all([...sends(n1!, 'a', 'b'), ...sends(n2!, 'b', 'a')])).flat();
    const seqs = outcomes.map((o) => o.seq).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    const stored = await n1!.repos.messages.range('app', singleKey('a', 'b'), {
      afterSeq: 0,
      limit: 500,
      order: 'asc',
    });
    expect(stored.map((m) => m.seq)).toEqual(seqs);
  });

  it('the same send committed by two nodes at once is stored once and both get its ack', async () => {
    const url = await pg.database();
    const [n1, n2] = [await open(url), await open(url)];
    for (let round = 0; round < 10; round++) {
      const [[x], [y]] = await Promise.all([
        n1!.repos.messages.commit([msg('a', 'b', `dup-${round}`, `x${round}`)], 1000),
        n2!.repos.messages.commit([msg('a', 'b', `dup-${round}`, `y${round}`)], 1000),
      ]);
      expect(x!.seq).toBe(y!.seq);
      expect(x!.id).toBe(y!.id);
      expect([x!.duplicate, y!.duplicate].sort()).toEqual([false, true]);
    }
    const stored = await n1!.repos.messages.range('app', singleKey('a', 'b'), {
      afterSeq: 0,
      limit: 50,
      order: 'asc',
    });
    expect(stored.map((m) => m.cid)).toEqual(Array.from({ length: 10 }, (_, r) => `dup-${r}`));
  });
});
