// SQLSTATEs of a PostgreSQL that refuses writes, mapped to typed errors (test/faults/pg-storage.test.ts
// produces the real ones; this covers the codes a test cannot easily provoke).
import { describe, expect, it } from 'vitest';
import { storageRefusal } from '../src/store/postgres/storage-errors.js';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('storageRefusal', () => {
  it.each([
    ['53100', 'could not extend file', 'STORAGE_FULL'],
    ['58030', 'could not write to file "base/1/2": No space left on device', 'STORAGE_FULL'],
    ['25006', 'cannot execute INSERT in a read-only transaction', 'STORAGE_READ_ONLY'],
    ['53000', 'insufficient resources', 'UNAVAILABLE'],
    ['53200', 'out of memory', 'UNAVAILABLE'],
    ['53300', 'too many connections', 'UNAVAILABLE'],
  ])('%s (%s) is %s, retryable', (code, message, type) => {
    const e = storageRefusal(pgError(code, message));
    expect(e).toMatchObject({ type, retryable: true });
  });

  it('leaves other errors alone', () => {
    expect(storageRefusal(pgError('23505', 'duplicate key'))).toBeUndefined();
    expect(storageRefusal(pgError('58030', 'could not read block'))).toBeUndefined();
    expect(storageRefusal(new Error('no code'))).toBeUndefined();
  });
});
