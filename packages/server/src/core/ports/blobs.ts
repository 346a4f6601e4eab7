/** File bytes (uploads arrive in the files issue): keyed by app and an opaque key, streamed. */
import type { Readable } from 'node:stream';

export interface BlobStore {
  /** Stores the stream under the key; resolves with the byte count. */
  put(appId: string, key: string, data: Readable): Promise<number>;
  /** A stream of the bytes, or undefined when there is no such blob. */
  get(appId: string, key: string): Promise<Readable | undefined>;
  delete(appId: string, key: string): Promise<void>;
}
