/** Precompiled queries: compiled once, bound per call; a query built with its slots out of order is refused. */
import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openStore } from '../src/store/open-store.js';
import { precompiled, slot } from '../src/store/repositories/precompiled.js';
import { tempDir } from './helpers/server.js';

describe('precompiled queries', () => {
  it('bind new values on every call, check the slot order once, and refuse a wrong number of values', async () => {
    const store = await openStore({ driver: 'sqlite', dataDir: tempDir('pigeon-precompiled-'), durability: 'normal' });
    const db = store.db as unknown as Kysely<{ t: { k: string; n: number } }>;
    await sql`create table t (k text, n integer)`.execute(db);
    await db
      .insertInto('t')
      .values([
        { k: 'a', n: 1 },
        { k: 'a', n: 2 },
        { k: 'b', n: 3 },
      ])
      .execute();
    const above = precompiled(db, () =>
      db.selectFrom('t').select('n').where('k', '=', slot(0)).where('n', '>', slot<number>(1)).orderBy('n'),
    );
    expect(await above('a', 0)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(await above('a', 1)).toEqual([{ n: 2 }]);
    expect(await above('b', 0)).toEqual([{ n: 3 }]);
    expect(await above('c', 0)).toEqual([]);
    await expect(above('a')).rejects.toThrow(/takes 2 values, got 1/);

    const swapped = precompiled(db, () =>
      db.selectFrom('t').select('n').where('n', '>', slot<number>(1)).where('k', '=', slot(0)),
    );
    await expect(swapped('a', 0)).rejects.toThrow(/where slot 0 was expected/);
    await store.close();
  });
});
