/**
 * Between Kysely and better-sqlite3: a statement that fails because the disk is full or the data
 * directory went read-only throws a typed STORAGE_FULL / STORAGE_READ_ONLY (retryable) instead of a
 * raw SqliteError, and a commit that succeeds tells the storage health that writes work again.
 * SQLite rolls a transaction back by itself on SQLITE_FULL; Kysely's ROLLBACK that follows must
 * not replace the typed error with "no transaction is active".
 */
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import type { StorageHealth } from '../../storage-health.js';

const NO_TRANSACTION = /no transaction is active/i;

export function storageGuarded(db: SqliteDatabase, health: StorageHealth): SqliteDatabase {
  // The inner database caches statements; the wrappers are cached alongside them.
  const wrappers = new WeakMap<SqliteStatement, SqliteStatement>();
  return {
    close: () => db.close(),
    prepare(sql: string): SqliteStatement {
      const stmt = guard(health, () => db.prepare(sql));
      let w = wrappers.get(stmt);
      if (!w) wrappers.set(stmt, (w = wrap(stmt, sql, health)));
      return w;
    },
  };
}

function wrap(stmt: SqliteStatement, sql: string, health: StorageHealth): SqliteStatement {
  const isRollback = /^\s*rollback\b/i.test(sql) && !/\bto\b/i.test(sql);
  const isCommit = /^\s*commit\b/i.test(sql);
  return {
    get reader() {
      return stmt.reader;
    },
    all: (params) => guard(health, () => stmt.all(params)),
    iterate: (params) => stmt.iterate(params),
    run(params) {
      try {
        const r = guard(health, () => stmt.run(params));
        if (isCommit || Number(r.changes) > 0) health.succeeded();
        return r;
      } catch (e) {
        if (isRollback && NO_TRANSACTION.test((e as Error).message)) return { changes: 0, lastInsertRowid: 0 };
        throw e;
      }
    },
  };
}

function guard<T>(health: StorageHealth, run: () => T): T {
  try {
    return run();
  } catch (e) {
    throw health.failed(e) ?? e;
  }
}

/** The same for the SQLite group commit that runs without the query builder (sqlite-commit.ts). */
export function storageGuardedCommit<A extends unknown[], R>(commit: (...a: A) => R, health: StorageHealth) {
  return (...a: A): R => {
    const r = guard(health, () => commit(...a));
    health.succeeded();
    return r;
  };
}
