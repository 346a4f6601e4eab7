import type { Readable } from 'node:stream';

export interface ImageInfo {
  /** As displayed (EXIF orientation applied). */
  width: number;
  height: number;
  thumb?: { bytes: Uint8Array; mime: string; width: number; height: number };
}

/** Image decoding, an edge (src/media/ uses sharp): the core only asks for sizes and a thumbnail. */
export interface ImageProcessor {
  /**
   * Reads the image from `source` (a local path, or a stream of its bytes), returns its size and,
   * with `thumbBox`, a thumbnail that fits in that square. Throws when the bytes do not decode.
   */
  process(source: { path: string } | { stream: Readable }, thumbBox?: number): Promise<ImageInfo>;
}
