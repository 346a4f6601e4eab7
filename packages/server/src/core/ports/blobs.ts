/**
 * File bytes, behind one small interface (DESIGN.md: src/blob/). Local disk is the default; an
 * S3-compatible store is one more implementation of the same four calls. Keys are opaque
 * `appId/uuid[.thumb]` strings the core builds; implementations refuse anything else.
 */
import type { Readable } from 'node:stream';

/** Inclusive byte range, as in HTTP `Range: bytes=start-end`. */
export interface ByteRange {
  start: number;
  end: number;
}

/** Bytes written to a temporary place: visible under a key only after commit. */
export interface StagedBlob {
  readonly size: number;
  /** A local file holding the bytes, where the store has one (lets image decoding read from disk). */
  readonly localPath?: string;
  /** Reads the staged bytes back (thumbnails, probes). */
  read(): Readable;
  /** Publishes the bytes under `key` atomically (rename / copy): readers see all of them or none. */
  commit(key: string): Promise<void>;
  /** Throws the bytes away; safe after commit failed and when called twice. */
  abort(): Promise<void>;
}

export interface BlobStore {
  /**
   * Streams `body` to a temporary place. If `body` throws (too large, client gone, truncated),
   * the temporary bytes are removed and the error is rethrown: nothing is left behind.
   */
  stage(body: AsyncIterable<Uint8Array>): Promise<StagedBlob>;
  /** Size of a committed blob, or undefined when there is none. */
  size(key: string): Promise<number | undefined>;
  /** Streams a committed blob, or the inclusive `range` of it. */
  read(key: string, range?: ByteRange): Promise<Readable>;
  /** Removes a committed blob; no error when it is already gone. */
  delete(key: string): Promise<void>;
  /** Removes staged leftovers older than `olderThanMs` (a crash mid-upload); returns how many. */
  sweepStaged(olderThanMs: number): Promise<number>;
}
