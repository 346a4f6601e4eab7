/**
 * Several nodes may start at once on an empty database: the migrator runs under a session-level
 * advisory lock, so one node migrates and the others wait, then find nothing left to do.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** Any constant shared by every Pigeon node ("pigeon" in ASCII). */
const LOCK_KEY = 0x706967656f6e;

export async function withMigrationLock<T>(
  db: Kysely<Database>,
  run: (db: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${LOCK_KEY})`.execute(conn);
    try {
      return await run(conn);
    } finally {
      await sql`select pg_advisory_unlock(${LOCK_KEY})`.execute(conn);
    }
  });
}
