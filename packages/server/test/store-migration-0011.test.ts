/**
 * Migration 0011 on a database that already holds messages (SQLite, and PostgreSQL when installed):
 * migrated up to 0010, filled through the store, then brought to the latest schema. Every message is
 * found again, the dedup index is (app_id, cid, sender), a retried send still gets its stored ack,
 * and the next send continues the conversation's seqs.
 */
import { Migrator, sql, type Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { NewMessage } from '../src/core/ports/messages.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { migrationProvider } from '../src/store/migrations/index.js';
import { openStore, repositories, type StoreOptions } from '../src/store/open-store.js';
import { openPostgres } from '../src/store/postgres/open-postgres.js';
import type { Database } from '../src/store/schema.js';
import { openSqlite } from '../src/store/sqlite/open-sqlite.js';
import { hasPostgres, startPostgres, warnSkipped, type TestPostgres } from '../../../test/helpers/pg.js';
import { tempDir } from './helpers/server.js';
import { singleMessage } from './helpers/store-fixtures.js';

let postgres: Promise<TestPostgres> | undefined;
afterAll(async () => (await postgres)?.stop());
if (!hasPostgres) warnSkipped('migration 0011 on PostgreSQL');

interface Case {
  name: string;
  setup(): Promise<{ db: Kysely<Database>; options: StoreOptions }>;
  dedupColumns(db: Kysely<Database>): Promise<string[][]>;
}

const CASES: Case[] = [
  {
    name: 'sqlite',
    setup: async () => {
      const dataDir = tempDir('pigeon-mig-');
      return {
        db: openSqlite({ dataDir, durability: 'normal' }),
        options: { driver: 'sqlite', dataDir, durability: 'normal' },
      };
    },
    dedupColumns: async (db) => {
      const indexes = await sql<{
        name: string;
      }>`select name from sqlite_master where type = 'index' and tbl_name = 'messages' and sql like '%unique%'`.execute(
        db,
      );
      const out: string[][] = [];
      for (const { name } of indexes.rows) {
        const cols = await sql<{ name: string }>`select name from pragma_index_info(${name}) order by seqno`.execute(
          db,
        );
        out.push([name, ...cols.rows.map((c) => c.name)]);
      }
      return out;
    },
  },
  ...(hasPostgres
    ? [
        {
          name: 'postgres',
          setup: async () => {
            postgres ??= startPostgres();
            const url = await (await postgres).database('mig');
            return {
              db: openPostgres({ url, poolSize: 2 }),
              options: { driver: 'postgres', url, poolSize: 2, dataDir: '', durability: 'normal' } as StoreOptions,
            };
          },
          dedupColumns: async (db: Kysely<Database>) => {
            const r = await sql<{
              indexname: string;
              indexdef: string;
            }>`select indexname, indexdef from pg_indexes where tablename = 'messages' and indexdef like '%UNIQUE%'`.execute(
              db,
            );
            return r.rows.map((x) => [x.indexname, ...(/\((.*)\)/.exec(x.indexdef)?.[1] ?? '').split(', ')]);
          },
        } satisfies Case,
      ]
    : []),
];

const send = (n: number, cid = `c${n}`): NewMessage => {
  const from = `u${n % 7}`;
  const to = `v${n % 5}`;
  return singleMessage({ from, to, cid, id: String(1_000_000 + n), text: `m${n}` });
};

describe.each(CASES)('migration 0011 on $name', ({ setup, dedupColumns }) => {
  it('keeps every stored message, moves the dedup index to (app_id, cid, sender), and still deduplicates', async () => {
    const { db, options } = await setup();
    const migrator = new Migrator({ db, provider: migrationProvider, allowUnorderedMigrations: true });
    const before = await migrator.migrateTo('0010-msync-cursors');
    expect(before.error).toBeUndefined();
    const old = repositories(db).messages;
    const sent = Array.from({ length: 300 }, (_, i) => send(i));
    const acks = [];
    for (let i = 0; i < sent.length; i += 100) acks.push(...(await old.commit(sent.slice(i, i + 100), 1000)));
    expect(await dedupColumns(db)).toContainEqual(['messages_dedup', 'app_id', 'sender', 'cid']);

    expect(await migrateToLatest(db)).toContain('0011-dedup-index-order');
    const unique = await dedupColumns(db);
    expect(unique).toContainEqual(['messages_dedup_cid', 'app_id', 'cid', 'sender']);
    expect(unique.map((u) => u[0])).not.toContain('messages_dedup');
    await db.destroy();

    const store = await openStore(options);
    try {
      const byConv = new Map<string, number>();
      for (const a of acks) byConv.set(a.conv, Math.max(byConv.get(a.conv) ?? 0, a.seq));
      let found = 0;
      for (const [conv, last] of byConv) {
        const rows = await store.repos.messages.range('app', conv, { afterSeq: 0, limit: 1000, order: 'asc' });
        expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: last }, (_, i) => i + 1));
        for (const r of rows) expect(r.body).toEqual({ text: `m${Number(r.id) - 1_000_000}` });
        found += rows.length;
      }
      expect(found).toBe(sent.length);
      // A retry of a stored send gets the stored ack; a new send continues the seqs.
      const [retry, next] = await store.repos.messages.commit(
        [
          { ...send(7), id: '9' },
          { ...send(7 + 35, 'new'), id: '5000000' },
        ],
        2000,
      );
      expect(retry).toMatchObject({ id: acks[7]!.id, seq: acks[7]!.seq, duplicate: true });
      expect(next).toMatchObject({ conv: send(7).conv, seq: byConv.get(send(7).conv)! + 1, duplicate: false });
    } finally {
      await store.close();
    }
  });
});
