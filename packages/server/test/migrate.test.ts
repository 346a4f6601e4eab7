/**
 * Opening an up-to-date store skips Kysely's migrator (one read of its bookkeeping table instead of
 * introspecting every table); a store missing a migration still gets it.
 */
import { rmSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../src/store/migrate.js';
import { openStore } from '../src/store/open-store.js';
import { tempDir } from './helpers/server.js';

describe('migrateToLatest', () => {
  const dir = tempDir('pigeon-migrate-');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs every migration on a new database, nothing on an up-to-date one, and only what is missing', async () => {
    const store = await openStore({ driver: 'sqlite', dataDir: dir, durability: 'normal' });
    try {
      const names = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(store.db);
      expect(names.rows.map((r) => r.name)).toContain('0010-msync-cursors');
      expect(await migrateToLatest(store.db)).toEqual([]);
      await sql`delete from kysely_migration where name = '0010-msync-cursors'`.execute(store.db);
      await sql`drop table msync_cursors`.execute(store.db);
      expect(await migrateToLatest(store.db)).toEqual(['0010-msync-cursors']);
      const table = await sql<{ n: number }>`select count(*) as n from msync_cursors`.execute(store.db);
      expect(table.rows[0]?.n).toBe(0);
      expect(await migrateToLatest(store.db)).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
