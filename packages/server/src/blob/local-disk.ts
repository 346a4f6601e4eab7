/** Blobs as files under `<dataDir>/blobs/<appId>/`, written to a temp name and renamed when complete. */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BlobStore } from '../core/ports/blobs.js';

const SAFE = /^[A-Za-z0-9_-]{1,128}$/;

export class LocalDiskBlobStore implements BlobStore {
  readonly #root: string;

  constructor(dataDir: string) {
    this.#root = join(dataDir, 'blobs');
  }

  #path(appId: string, key: string): string {
    // Keys and app ids become file names: refuse anything that could climb out of the folder.
    if (!SAFE.test(appId) || !SAFE.test(key)) throw new RangeError(`Unsafe blob key ${appId}/${key}`);
    return join(this.#root, appId, key);
  }

  async put(appId: string, key: string, data: Readable): Promise<number> {
    const path = this.#path(appId, key);
    await mkdir(join(this.#root, appId), { recursive: true });
    const tmp = `${path}.part`;
    await pipeline(data, createWriteStream(tmp));
    await rename(tmp, path);
    return (await stat(path)).size;
  }

  async get(appId: string, key: string): Promise<Readable | undefined> {
    const path = this.#path(appId, key);
    try {
      await stat(path);
    } catch {
      return undefined;
    }
    return createReadStream(path);
  }

  async delete(appId: string, key: string): Promise<void> {
    await rm(this.#path(appId, key), { force: true });
  }
}
