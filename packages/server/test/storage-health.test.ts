/**
 * How write failures become STORAGE_FULL / STORAGE_READ_ONLY, without mounting anything (the real
 * full and read-only disks are in test/faults/disk-full.test.ts, which needs root).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { storageHealth } from '../src/storage-health.js';
import { cachingDatabase } from '../src/store/sqlite/statement-cache.js';
import { storageGuarded, storageGuardedCommit } from '../src/store/sqlite/storage-guard.js';

const dir = mkdtempSync(join(tmpdir(), 'pigeon-storage-health-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fail = (code: string) => Object.assign(new Error(code), { code });

describe('storage health', () => {
  it('classifies full and read-only failures as typed retryable errors, and nothing else', () => {
    const h = storageHealth(dir);
    expect(h.failed(fail('SQLITE_FULL'))).toMatchObject({ type: 'STORAGE_FULL', code: 5006, retryable: true });
    expect(h.failed(fail('SQLITE_FULL'))?.retryAfterMs).toBeGreaterThan(0);
    expect(h.failed(fail('ENOSPC'))).toMatchObject({ type: 'STORAGE_FULL' });
    expect(h.failed(fail('SQLITE_READONLY_DBMOVED'))).toMatchObject({ type: 'STORAGE_READ_ONLY', code: 5007 });
    expect(h.failed(fail('EROFS'))).toMatchObject({ type: 'STORAGE_READ_ONLY' });
    expect(h.failed(fail('SQLITE_CONSTRAINT_UNIQUE'))).toBeUndefined();
    expect(h.failed(new Error('no code'))).toBeUndefined();
    // An I/O error in a directory that takes writes is not about storage: the original error stands.
    expect(h.failed(fail('SQLITE_IOERR_WRITE'))).toBeUndefined();
  });

  it('remembers a refusal until a write commits, or a probe finds the directory writable again', () => {
    const h = storageHealth(dir);
    h.failed(fail('SQLITE_FULL'));
    h.succeeded();
    expect(h.state()).toBe('ok');
    h.failed(fail('EROFS'));
    expect(h.state()).toBe('ok'); // the probe write in `dir` works here
  });

  it('SQLite: typed errors through the guard; a ROLLBACK after SQLite rolled back by itself is not an error', () => {
    const raw = new BetterSqlite3(':memory:');
    raw.exec('create table t (x integer)');
    const h = storageHealth(dir);
    const db = storageGuarded(cachingDatabase(raw), h);
    expect(() => db.prepare('rollback').run([])).not.toThrow();
    expect(() => db.prepare('insert into t values (1)').run([])).not.toThrow();
    const full = storageGuardedCommit(() => {
      throw fail('SQLITE_FULL');
    }, h);
    expect(() => full()).toThrow(expect.objectContaining({ type: 'STORAGE_FULL' }));
    raw.close();
  });
});
