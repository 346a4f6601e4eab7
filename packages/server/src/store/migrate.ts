import { Migrator, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import { migrationProvider } from './migrations/index.js';

/** Brings the schema up to date; throws (with the failing migration's error as cause) on failure. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
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
