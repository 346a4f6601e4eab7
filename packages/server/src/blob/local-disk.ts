/**
 * Blobs as files under `<dataDir>/files`: staged in `tmp/` (same file system), fsynced, then
 * renamed into `blobs/<key>` in one step, so a reader sees a whole file or none, and a crash
 * leaves at most a staged file that sweepStaged removes. Keys are checked character by character
 * and the resolved path must stay inside the root: no key reaches outside it.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import type { BlobStore, ByteRange, StagedBlob } from '../core/ports/blobs.js';
import { storageHealth, type StorageHealth } from '../storage-health.js';

const KEY = /^[A-Za-z0-9][A-Za-z0-9_-]*(\/[A-Za-z0-9][A-Za-z0-9_.-]*)*$/;

export function localDiskBlobs(root: string, health: StorageHealth = storageHealth(root)): BlobStore {
  const base = resolve(root);
  /** A full disk or read-only directory is a typed, retryable error (STORAGE_FULL / STORAGE_READ_ONLY). */
  const typed = (e: unknown) => Promise.reject(health.failed(e) ?? e);
  const tmp = join(base, 'tmp');
  const blobs = join(base, 'blobs');

  const pathOf = (key: string): string => {
    const p = resolve(blobs, key);
    if (!KEY.test(key) || key.includes('..') || !p.startsWith(blobs + sep)) throw new Error(`Bad blob key ${key}`);
    return p;
  };

  async function stage(body: AsyncIterable<Uint8Array>): Promise<StagedBlob> {
    return writeStaged(body).catch(typed);
  }

  async function writeStaged(body: AsyncIterable<Uint8Array>): Promise<StagedBlob> {
    await mkdir(tmp, { recursive: true });
    const path = join(tmp, randomUUID());
    const fh = await open(path, 'wx', 0o600);
    let size = 0;
    try {
      for await (const chunk of body) {
        await fh.write(chunk);
        size += chunk.length;
      }
      await fh.sync();
    } catch (e) {
      await fh.close();
      await rm(path, { force: true });
      throw e;
    }
    await fh.close();
    return staged(path, size);
  }

  function staged(path: string, size: number): StagedBlob {
    return {
      size,
      localPath: path,
      read: () => createReadStream(path),
      async commit(key) {
        const dest = pathOf(key);
        await mkdir(dirname(dest), { recursive: true }).catch(typed);
        await rename(path, dest).catch(typed);
        await syncDir(dirname(dest));
      },
      abort: () => rm(path, { force: true }),
    };
  }

  return {
    stage,
    async size(key) {
      try {
        return (await stat(pathOf(key))).size;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw e;
      }
    },
    async read(key, range?: ByteRange): Promise<Readable> {
      const p = pathOf(key);
      return createReadStream(p, range ? { start: range.start, end: range.end } : {});
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
    async sweepStaged(olderThanMs) {
      const names = await readdir(tmp).catch(() => [] as string[]);
      let n = 0;
      for (const name of names) {
        const p = join(tmp, name);
        const s = await stat(p).catch(() => undefined);
        if (s && Date.now() - s.mtimeMs > olderThanMs) {
          await rm(p, { force: true });
          n++;
        }
      }
      return n;
    },
  };
}

/** Makes the rename itself durable (the directory entry), where the platform allows it. */
async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r').catch(() => undefined);
  await fh?.sync().catch(() => undefined);
  await fh?.close();
}
