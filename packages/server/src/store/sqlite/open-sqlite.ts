/**
 * SQLite through better-sqlite3: WAL, and synchronous=NORMAL by default, which survives a killed
 * process (a commit is in the OS once it returns); `full` also survives power loss (fsync per commit).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../schema.js';
import { Checkpointer } from './checkpointer.js';
import { cachingDatabase } from './statement-cache.js';

export type Durability = 'normal' | 'full';

export interface SqliteOptions {
  dataDir: string;
  durability: Durability;
  /** File name inside dataDir. */
  file?: string;
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
  const database = cachingDatabase(db, undefined, () => checkpointer.stop());
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database }) }), raw: db, checkpointer };
}
