/**
 * Whether the data directory can be written: a failed write (SQLite or a file upload) is classified
 * as a full disk or a read-only file system, turned into a typed, retryable error (STORAGE_FULL,
 * STORAGE_READ_ONLY), and remembered so /health can tell. The state clears when a write commits
 * again, or when /health finds by a probe write that the directory takes writes again.
 */
import { closeSync, fsyncSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PigeonError } from '@pigeon/protocol';

export type StorageState = 'ok' | 'full' | 'read-only';

/** How long a client should wait before retrying a write refused for lack of storage. */
export const STORAGE_RETRY_MS = 1000;
const PROBE_BYTES = 64 * 1024;

export interface StorageHealth {
  /** The typed error for a failed write, or undefined when the failure is not about storage. */
  failed(e: unknown): PigeonError | undefined;
  /** A write committed: storage works. */
  succeeded(): void;
  /** The current state; while degraded, re-checks the directory with a probe write. */
  state(): StorageState;
}

const FULL_ERRNO = new Set(['ENOSPC', 'EDQUOT', 'EFBIG', 'SQLITE_FULL']);
const READ_ONLY_ERRNO = new Set(['EROFS', 'EPERM', 'EACCES']);

export function storageHealth(dir: string): StorageHealth {
  let current: StorageState = 'ok';
  const set = (s: Exclude<StorageState, 'ok'>, cause: unknown): PigeonError => {
    current = s;
    return storageError(s, cause);
  };
  return {
    failed(e) {
      const code = (e as { code?: unknown })?.code;
      if (typeof code !== 'string') return undefined;
      if (FULL_ERRNO.has(code)) return set('full', e);
      if (READ_ONLY_ERRNO.has(code) || code.startsWith('SQLITE_READONLY')) return set('read-only', e);
      const io = code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN' || 'syscall' in (e as object);
      if (!io) return undefined;
      // SQLite reports EROFS as an I/O error, and a recursive mkdir on a read-only file system says
      // ENOENT: ask the file system itself.
      const probed = probe(dir);
      return probed === 'ok' ? undefined : set(probed, e);
    },
    succeeded() {
      current = 'ok';
    },
    state() {
      if (current !== 'ok' && probe(dir) === 'ok') current = 'ok';
      return current;
    },
  };
}

export function storageError(s: Exclude<StorageState, 'ok'>, cause?: unknown): PigeonError {
  return s === 'full'
    ? new PigeonError('STORAGE_FULL', "The server's disk is full; nothing was stored.", {
        cause,
        retryAfterMs: STORAGE_RETRY_MS,
      })
    : new PigeonError('STORAGE_READ_ONLY', "The server's data directory is read-only; nothing was stored.", {
        cause,
        retryAfterMs: STORAGE_RETRY_MS,
      });
}

/** Writes, syncs and deletes a small file in `dir`: what a write needs, without touching real data. */
export function probe(dir: string): StorageState {
  const path = join(dir, '.pigeon-storage-probe');
  let fd: number | undefined;
  try {
    fd = openSync(path, 'w', 0o600);
    writeSync(fd, Buffer.alloc(PROBE_BYTES));
    fsyncSync(fd);
    return 'ok';
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    return FULL_ERRNO.has(code) ? 'full' : READ_ONLY_ERRNO.has(code) ? 'read-only' : 'ok';
  } finally {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(path);
    } catch {
      // already gone, or the directory refuses even that: the state says so
    }
  }
}
