/**
 * PostgreSQL through node-postgres: one pool per node, sized by `db.poolSize`. Pool errors (the
 * server restarting, the network going away) never crash the process; the pool reconnects by
 * itself on the next query. A connection that cannot be had is a typed UNAVAILABLE (retryable).
 */
import { PigeonError } from '@pigeon/protocol';
import { Kysely, PostgresDialect, type PostgresPool } from 'kysely';
import pg from 'pg';
import type { Database } from '../schema.js';

export interface PostgresOptions {
  url: string;
  poolSize: number;
  onError?: (e: Error) => void;
}

export function openPostgres(o: PostgresOptions): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: o.url,
    max: o.poolSize,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
  });
  pool.on('error', (e) => o.onError?.(e)); // an idle client lost its connection: dropped, not fatal
  const guarded: PostgresPool = {
    connect: async () => {
      try {
        return await pool.connect();
      } catch (e) {
        throw new PigeonError('UNAVAILABLE', 'The database is unreachable; retry.', { cause: e });
      }
    },
    end: () => pool.end(),
  };
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: guarded }) });
}
