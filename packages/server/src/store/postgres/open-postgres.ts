/**
 * PostgreSQL through node-postgres: one pool per node, sized by `db.poolSize`. Pool errors (the
 * server restarting, the network going away) never crash the process; the pool reconnects by
 * itself on the next query. A database that cannot be reached is a typed UNAVAILABLE (retryable):
 * guard-pool.ts.
 */
import { Kysely, PostgresDialect, type PostgresPool } from 'kysely';
import pg from 'pg';
import type { Database } from '../schema.js';
import { guardPool } from './guard-pool.js';

export interface PostgresOptions {
  url: string;
  poolSize: number;
  onError?: (e: Error) => void;
}

export function openPostgres(o: PostgresOptions): Kysely<Database> {
  return openPostgresRaw(o).db;
}

/** The query builder and, for the group commit (pg-commit.ts), the same guarded pool under it. */
export function openPostgresRaw(o: PostgresOptions): { db: Kysely<Database>; pool: PostgresPool } {
  const pool = new pg.Pool({
    connectionString: o.url,
    max: o.poolSize,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
  });
  pool.on('error', (e) => o.onError?.(e)); // an idle client lost its connection: dropped, not fatal
  const guarded = guardPool(pool);
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool: guarded }) }), pool: guarded };
}
