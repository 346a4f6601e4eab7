import { Migrator, sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import { migrationProvider } from './migrations/index.js';

/**
 * Whether every migration has already run, from one read of Kysely's bookkeeping table. A restart
 * then skips the migrator, which introspects every table of the schema before deciding there is
 * nothing to do (a good part of a restart's store opening).
 */
async function allApplied(db: Kysely<Database>): Promise<boolean> {
  const wanted = Object.keys(await migrationProvider.getMigrations());
  try {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
    const done = new Set(rows.map((r) => r.name));
    return wanted.every((name) => done.has(name));
  } catch {
    return false; // a new database: no bookkeeping table yet
  }
}

/** Brings the schema up to date; throws (with the failing migration's error as cause) on failure. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  if (await allApplied(db)) return [];
  // Features get migration numbers up front and land in any order: a data dir that already ran 0004
  // must still accept a 0002 that arrives later.
  const migrator = new Migrator({ db, provider: migrationProvider, allowUnorderedMigrations: true });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error)
    throw new Error(`Database migration failed: ${results.find((r) => r.status === 'Error')?.migrationName ?? '?'}`, {
      cause: error,
    });
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
