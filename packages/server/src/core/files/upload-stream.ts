/**
 * The upload's bytes on their way to the blob store: the first bytes are held back to sniff the
 * type, then everything is counted and hashed as it streams; passing the limit throws at once, so
 * an oversized file is never written past its limit and never held whole in memory.
 */
import { createHash } from 'node:crypto';
import { PigeonError } from '@pigeon/protocol';

export interface Head {
  bytes: Uint8Array;
  /** True when the whole upload fitted in the head. */
  ended: boolean;
  rest: AsyncIterator<Uint8Array>;
}

export async function readHead(body: AsyncIterable<Uint8Array>, want: number): Promise<Head> {
  const it = body[Symbol.asyncIterator]();
  const chunks: Uint8Array[] = [];
  let n = 0;
  while (n < want) {
    const r = await it.next();
    if (r.done) return { bytes: concat(chunks, n), ended: true, rest: it };
    chunks.push(r.value);
    n += r.value.length;
  }
  return { bytes: concat(chunks, n), ended: false, rest: it };
}

function concat(chunks: Uint8Array[], n: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(n);
  let at = 0;
  for (const c of chunks) out.set(c, (at += c.length) - c.length);
  return out;
}

export interface Metered extends AsyncIterable<Uint8Array> {
  /** Valid once the iteration finished. */
  readonly size: number;
  readonly sha256: string;
}

export function meter(head: Head, maxBytes: number): Metered {
  const hash = createHash('sha256');
  let size = 0;
  let digest = '';
  const count = (c: Uint8Array) => {
    size += c.length;
    if (size > maxBytes)
      throw new PigeonError('FILE_TOO_LARGE', `The file is larger than this app allows (${maxBytes} bytes).`, {
        details: { maxBytes },
      });
    hash.update(c);
    return c;
  };
  async function* iterate(): AsyncGenerator<Uint8Array> {
    if (head.bytes.length) yield count(head.bytes);
    if (!head.ended) for (let r = await head.rest.next(); !r.done; r = await head.rest.next()) yield count(r.value);
    digest = hash.digest('hex');
  }
  return {
    [Symbol.asyncIterator]: iterate,
    get size() {
      return size;
    },
    get sha256() {
      return digest;
    },
  };
}
