/**
 * Opens the configured blob store from a registry map, as open-store.ts does for databases: local
 * disk now; an S3-compatible store would be one more file here (docs/files.md says what it needs).
 */
import { join } from 'node:path';
import type { BlobStore } from '../core/ports/blobs.js';
import type { StorageHealth } from '../storage-health.js';
import { localDiskBlobs } from './local-disk.js';

export interface BlobOptions {
  driver: 'local';
  dataDir: string;
  /** Told about uploads refused for a full disk or a read-only directory. */
  health?: StorageHealth;
}

const DRIVERS: Record<BlobOptions['driver'], (o: BlobOptions) => BlobStore> = {
  local: (o) => localDiskBlobs(join(o.dataDir, 'files'), o.health),
};

export const openBlobs = (o: BlobOptions): BlobStore => DRIVERS[o.driver](o);
