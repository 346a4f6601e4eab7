/**
 * Node uploads and downloads over node:http(s), loaded lazily by a computed name (like `ws`) so
 * browser bundlers of the root entry never see them. The multipart body is streamed from the
 * file (a path, a Blob or bytes) with its length known up front, and progress is reported as
 * each chunk is handed to the socket.
 */
import { PigeonError } from '@pigeon/protocol';
import type { DownloadHandle, DownloadRequest, HttpResponse, UploadHandle, UploadRequest } from '../core/platform.js';

interface IncomingLike extends AsyncIterable<Uint8Array> {
  statusCode?: number;
  headers: Record<string, string | string[] | undefined>;
}
interface ClientRequestLike {
  on(ev: 'error', fn: (e: Error) => void): void;
  once(ev: 'drain', fn: () => void): void;
  write(chunk: Uint8Array, cb?: (e?: Error | null) => void): boolean;
  end(): void;
  destroy(e?: Error): void;
}
interface HttpLike {
  request(
    url: string,
    o: { method: string; headers: Record<string, string | number> },
    cb: (res: IncomingLike) => void,
  ): ClientRequestLike;
}
interface FsLike {
  promises: { stat(p: string): Promise<{ size: number }> };
  createReadStream(p: string, o?: { highWaterMark?: number }): AsyncIterable<Uint8Array>;
}
interface BlobLike {
  size: number;
  name?: string;
  stream(): AsyncIterable<Uint8Array>;
}

interface TextCodecs {
  TextEncoder: new () => { encode(s: string): Uint8Array };
  TextDecoder: new () => { decode(b: Uint8Array): string };
}
const codecs = (): TextCodecs => globalThis as unknown as TextCodecs;

const load = <T>(name: string): Promise<T> =>
  import(/* webpackIgnore: true */ /* @vite-ignore */ name).then((m: { default?: T } & T) => m.default ?? m);
const httpFor = (url: string) => load<HttpLike>(url.startsWith('https:') ? 'node:https' : 'node:http');
const CHUNK = 64 * 1024;

interface Source {
  size: number;
  name: string;
  chunks(): AsyncIterable<Uint8Array>;
}

async function* slices(b: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < b.length; i += CHUNK) yield b.subarray(i, i + CHUNK);
}

async function sourceOf(file: unknown, name?: string): Promise<Source> {
  if (typeof file === 'string') {
    const fs = await load<FsLike>('node:fs');
    const { size } = await fs.promises.stat(file);
    return {
      size,
      name: name ?? file.split(/[/\\]/).pop() ?? 'file',
      chunks: () => fs.createReadStream(file, { highWaterMark: CHUNK }),
    };
  }
  if (file instanceof ArrayBuffer || ArrayBuffer.isView(file)) {
    const b =
      file instanceof ArrayBuffer
        ? new Uint8Array(file)
        : new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
    return { size: b.length, name: name ?? 'file', chunks: () => slices(b) };
  }
  const blob = file as BlobLike;
  if (blob && typeof blob.stream === 'function' && typeof blob.size === 'number')
    return { size: blob.size, name: name ?? blob.name ?? 'file', chunks: () => blob.stream() };
  throw new PigeonError('INVALID_ARGUMENT', 'On Node, file must be a path, a Blob, a Buffer or an ArrayBuffer');
}

/** Browsers' escaping of names in multipart headers: quotes and line breaks cannot end the header. */
const quoted = (s: string) => s.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const enc = (s: string) => new (codecs().TextEncoder)().encode(s);

function parse(body: Uint8Array, type: string | undefined): unknown {
  const text = new (codecs().TextDecoder)().decode(body);
  if (!type?.includes('json')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

async function collect(res: IncomingLike, progress?: (n: number, total: number) => void): Promise<Uint8Array> {
  const total = Number(res.headers['content-length'] ?? 0);
  const parts: Uint8Array[] = [];
  let n = 0;
  for await (const c of res) {
    parts.push(c);
    n += c.length;
    progress?.(n, total);
  }
  const out = new Uint8Array(n);
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
}

const failed = (e: unknown, aborted: boolean) =>
  e instanceof PigeonError
    ? e
    : new PigeonError('NETWORK', aborted ? 'upload aborted' : `upload failed: ${String(e)}`, { cause: e });

export function nodeUpload(req: UploadRequest): UploadHandle {
  let r: ClientRequestLike | undefined;
  let aborted = false;
  const done = (async (): Promise<HttpResponse> => {
    const src = await sourceOf(req.file, req.fileName);
    const boundary = `----pigeon${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
    const fields = Object.entries(req.formData ?? {}).map(
      ([k, v]) => `--${boundary}\r\ncontent-disposition: form-data; name="${quoted(k)}"\r\n\r\n${v}\r\n`,
    );
    const head = enc(
      `${fields.join('')}--${boundary}\r\ncontent-disposition: form-data; name="${quoted(req.fieldName ?? 'file')}"; ` +
        `filename="${quoted(src.name)}"\r\ncontent-type: application/octet-stream\r\n\r\n`,
    );
    const tail = enc(`\r\n--${boundary}--\r\n`);
    const total = head.length + src.size + tail.length;
    const http = await httpFor(req.url);
    if (aborted) throw new PigeonError('NETWORK', 'upload aborted');
    return new Promise<HttpResponse>((resolve, reject) => {
      const headers = {
        ...req.headers,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': total,
      };
      const cr = (r = http.request(req.url, { method: 'POST', headers }, (res) => {
        collect(res).then(
          (b) => resolve({ status: res.statusCode ?? 0, data: parse(b, String(res.headers['content-type'] ?? '')) }),
          reject,
        );
      }));
      cr.on('error', (e) => reject(failed(e, aborted)));
      void pump(cr, head, src, tail, (sent) => req.onProgress?.(sent, total)).catch((e: unknown) =>
        reject(failed(e, aborted)),
      );
    });
  })().catch((e: unknown) => Promise.reject(failed(e, aborted)));
  return {
    done,
    abort() {
      aborted = true;
      r?.destroy(new Error('aborted'));
    },
  };
}

async function pump(
  r: ClientRequestLike,
  head: Uint8Array,
  src: Source,
  tail: Uint8Array,
  progress: (sent: number) => void,
) {
  let sent = 0;
  const write = (c: Uint8Array) =>
    new Promise<void>((resolve, reject) => {
      const more = r.write(c, (e) => (e ? reject(e) : (progress((sent += c.length)), more && resolve())));
      if (!more) r.once('drain', resolve);
    });
  await write(head);
  for await (const c of src.chunks()) await write(c);
  await write(tail);
  r.end();
}

export function nodeDownload(req: DownloadRequest): DownloadHandle {
  let r: ClientRequestLike | undefined;
  const done = httpFor(req.url).then(
    (http) =>
      new Promise<{ status: number; data: ArrayBuffer }>((resolve, reject) => {
        r = http.request(req.url, { method: 'GET', headers: { ...req.headers } }, (res) => {
          collect(res, req.onProgress).then((b) => {
            resolve({
              status: res.statusCode ?? 0,
              data: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer,
            });
          }, reject);
        });
        r.on('error', (e) => reject(new PigeonError('NETWORK', `download failed: ${e.message}`, { cause: e })));
        r.end();
      }),
  );
  return { done, abort: () => r?.destroy(new Error('aborted')) };
}
