/**
 * REAL HTTP for the simulated runtimes (node:http), in the neutral form each platform object
 * then reshapes into its own callback arguments: request, multipart upload with progress
 * events, and download into a temp file (a mini-program's tempFilePath).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface RawRequest {
  url: string;
  method?: string;
  headers?: Record<string, unknown>;
  body?: string | Buffer;
  timeoutMs?: number;
  /** Called after each chunk of the body is written. */
  onProgress?(sent: number, total: number): void;
}

export class NetworkDown extends Error {}

export function rawRequest(online: boolean, req: RawRequest): { done: Promise<RawResponse>; abort(): void } {
  let r: http.ClientRequest | undefined;
  const done = new Promise<RawResponse>((resolve, reject) => {
    if (!online) return reject(new NetworkDown('network is down'));
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers ?? {})) if (v !== undefined) headers[k] = String(v);
    const body = req.body === undefined ? undefined : Buffer.from(req.body);
    if (body) headers['content-length'] = String(body.length);
    r = http.request(req.url, { method: req.method ?? 'GET', headers, timeout: req.timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const h: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) h[k] = Array.isArray(v) ? v.join(', ') : String(v ?? '');
        resolve({ status: res.statusCode ?? 0, headers: h, body: Buffer.concat(chunks) });
      });
    });
    r.on('timeout', () => r?.destroy(new Error('timeout')));
    r.on('error', reject);
    writeChunked(r, body, req.onProgress);
  });
  return { done, abort: () => r?.destroy(new Error('abort')) };
}

function writeChunked(
  r: http.ClientRequest,
  body: Buffer | undefined,
  progress?: (s: number, t: number) => void,
): void {
  if (!body) return void r.end();
  const size = 16 * 1024;
  let off = 0;
  const next = () => {
    if (off >= body.length) return void r.end();
    const chunk = body.subarray(off, off + size);
    off += chunk.length;
    r.write(chunk, () => {
      progress?.(off, body.length);
      next();
    });
  };
  next();
}

/** A multipart/form-data body with one file (read from `filePath`) and text fields. */
export function multipart(filePath: string, field: string, form: Record<string, unknown> = {}) {
  const boundary = `----pigeon${randomUUID()}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(form)) {
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${String(v)}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\ncontent-disposition: form-data; name="${field}"; filename="${basename(filePath)}"\r\n` +
        'content-type: application/octet-stream\r\n\r\n',
    ),
    readFileSync(filePath),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Saves a download the way mini-programs do: to a temp file whose path the callback gets. */
export function saveTemp(body: Buffer, url: string): string {
  const path = join(tmpdir(), `pigeon-sim-${randomUUID()}-${basename(new URL(url).pathname) || 'file'}`);
  writeFileSync(path, body);
  return path;
}

export const text = (r: RawResponse): string => r.body.toString('utf8');

/** WeChat's dataType 'json': parse when it parses, else hand back the text. */
export function jsonOrText(r: RawResponse): unknown {
  try {
    return JSON.parse(text(r)) as unknown;
  } catch {
    return text(r);
  }
}
