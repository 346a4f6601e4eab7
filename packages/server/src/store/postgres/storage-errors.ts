/**
 * PostgreSQL refusing writes, as the same typed, retryable errors as SQLite's (storage-health.ts):
 * SQLSTATE 53100 disk_full (and "No space left on device" in an I/O error) is STORAGE_FULL;
 * 25006 read_only_sql_transaction (`default_transaction_read_only` on, or a server in recovery /
 * a hot standby after a failover) is STORAGE_READ_ONLY. A transient shortage of server resources
 * (53000 insufficient_resources, 53200 out_of_memory, 53300 too_many_connections) is UNAVAILABLE.
 * Nothing of the failed statement's transaction was committed, so a retry is safe (sends are
 * deduplicated on their cid). Any other error is left as it is.
 */
import { PigeonError } from '@pigeon/protocol';
import { STORAGE_RETRY_MS } from '../../storage-health.js';

const SHORTAGE = new Set(['53000', '53200', '53300']);
const ENOSPC = /no space left on device/i;

export function storageRefusal(e: unknown): PigeonError | undefined {
  if (e instanceof PigeonError) return undefined;
  const code = (e as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string') return undefined;
  const message = e instanceof Error ? e.message : '';
  if (code === '53100' || (code === '58030' && ENOSPC.test(message)))
    return new PigeonError('STORAGE_FULL', "The database server's disk is full; nothing was stored.", {
      cause: e,
      retryAfterMs: STORAGE_RETRY_MS,
    });
  if (code === '25006')
    return new PigeonError('STORAGE_READ_ONLY', 'The database is read-only now; nothing was stored.', {
      cause: e,
      retryAfterMs: STORAGE_RETRY_MS,
    });
  if (SHORTAGE.has(code))
    return new PigeonError('UNAVAILABLE', 'The database is short of resources; retry.', { cause: e });
  return undefined;
}
