/**
 * SQLite through better-sqlite3: WAL, and synchronous=NORMAL by default, which survives a killed
 * process (a commit is in the OS once it returns); `full` also survives power loss (fsync per commit).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { storageHealth, type StorageHealth } from '../../storage-health.js';
import type { Database } from '../schema.js';
import { Checkpointer } from './checkpointer.js';
import { cachingDatabase } from './statement-cache.js';
import { storageGuarded } from './storage-guard.js';

export type Durability = 'normal' | 'full';

export interface SqliteOptions {
  dataDir: string;
  durability: Durability;
  /** File name inside dataDir. */
  file?: string;
  /** Told about writes refused for lack of space or a read-only directory (typed errors either way). */
  health?: StorageHealth;
}

export interface OpenedSqlite {
  db: Kysely<Database>;
  /** The same connection without the query builder, for the hot statements (sqlite-commit.ts). */
  raw: BetterSqlite3.Database;
  /** Moves WAL checkpoints to a worker thread once started (the message commit starts it). */
  checkpointer: Checkpointer;
}

export function openSqlite(o: SqliteOptions): Kysely<Database> {
  return openSqliteRaw(o).db;
}

export function openSqliteRaw(o: SqliteOptions): OpenedSqlite {
  mkdirSync(o.dataDir, { recursive: true });
  const db = new BetterSqlite3(join(o.dataDir, o.file ?? 'pigeon.db'));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${o.durability === 'full' ? 'FULL' : 'NORMAL'}`);
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  const checkpointer = new Checkpointer(db);
  const cached = cachingDatabase(db, undefined, () => checkpointer.stop());
  const database = storageGuarded(cached, o.health ?? storageHealth(o.dataDir));
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database }) }), raw: db, checkpointer };
}
