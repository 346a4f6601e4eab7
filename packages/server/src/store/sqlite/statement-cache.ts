/**
 * Kysely's SQLite driver prepares every statement on every call, and better-sqlite3's `prepare`
 * (parse + plan) cost as much as running the statement. This wrapper keeps the most recently used
 * prepared statements by SQL text, so a query the server runs again (a user lookup, a commit's
 * insert of the same shape) is only bound and stepped. SQLite re-prepares a cached statement by
 * itself when the schema changes (a migration), so a stale plan never runs.
 */
import type { Database as BetterDatabase, Statement } from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** Distinct SQL texts kept; the least recently used is dropped beyond it. */
export const STATEMENT_CACHE_SIZE = 500;

export function cachingDatabase(
  db: BetterDatabase,
  size = STATEMENT_CACHE_SIZE,
  beforeClose?: () => void,
): SqliteDatabase {
  const cache = new Map<string, Statement>();
  return {
    close: () => {
      beforeClose?.();
      cache.clear();
      db.close();
    },
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (stmt) {
        cache.delete(sql); // re-inserted below: Map order is the recency order
      } else {
        stmt = db.prepare(sql);
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, stmt);
      return stmt;
    },
  };
}
