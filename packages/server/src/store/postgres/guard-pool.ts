/**
 * node-postgres errors that mean "the database cannot be reached now" (refused, reset, terminated,
 * shutting down, starting up or recovering after a crash) become a typed UNAVAILABLE: nothing was
 * applied that the caller may count on, and a retry is safe (sends are deduplicated on their cid).
 * A full disk or a read-only database is STORAGE_FULL / STORAGE_READ_ONLY (storage-errors.ts).
 * A query that fails for any other reason keeps its error. A client lent to Kysely listens for its
 * connection's errors (pg-pool listens only while the client is idle: an error between two queries
 * of a transaction would otherwise be an unhandled 'error' event, fatal to the process), and is
 * destroyed, not pooled again, when it is given back after one.
 */
import { PigeonError } from '@pigeon/protocol';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import { storageRefusal } from './storage-errors.js';

const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
/** SQLSTATE 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now; class 08 connection. */
const SHUTDOWN = new Set(['57P01', '57P02', '57P03']);

export function isUnreachable(e: unknown): boolean {
  const code = (e as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && (NETWORK.has(code) || SHUTDOWN.has(code) || code.startsWith('08'))) return true;
  const message = e instanceof Error ? e.message : '';
  return /Connection terminated|not queryable|connection error|timeout exceeded when trying to connect/i.test(message);
}

const unavailable = (e: unknown) =>
  isUnreachable(e) && !(e instanceof PigeonError)
    ? new PigeonError('UNAVAILABLE', 'The database is unreachable; retry.', { cause: e })
    : (storageRefusal(e) ?? e);

/** The pool as Kysely sees it: connect and every query on a client map unreachability to UNAVAILABLE. */
export function guardPool(pool: pg.Pool): PostgresPool {
  return {
    connect: async () => {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (e) {
        throw new PigeonError('UNAVAILABLE', 'The database is unreachable; retry.', { cause: e });
      }
      return guardClient(client);
    },
    end: () => pool.end(),
  };
}

function guardClient(client: pg.PoolClient): PostgresPoolClient {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  let broken: Error | undefined;
  const onError = (e: Error) => void (broken = e);
  client.on('error', onError);
  return {
    query: ((...args: unknown[]) => {
      const r = query(...args);
      if (!(r instanceof Promise)) return r; // a cursor (streamed rows) reports its own errors
      return r.catch((e: unknown) => {
        throw unavailable(e);
      });
    }) as PostgresPoolClient['query'],
    release: () => {
      client.removeListener('error', onError);
      client.release(broken);
    },
  };
}
