/** Helpers for file tests: real images made with sharp, multipart uploads over fetch, what lies on disk. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Json, TestServer } from './server.js';

export async function png(width: number, height: number, alpha = false): Promise<Buffer> {
  const background = alpha ? { r: 255, g: 0, b: 0, alpha: 0.5 } : { r: 20, g: 120, b: 200 };
  return sharp({ create: { width, height, channels: alpha ? 4 : 3, background } })
    .png()
    .toBuffer();
}

export async function jpeg(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#3a7' } })
    .jpeg()
    .toBuffer();
}

export interface UploadOptions {
  token?: string;
  name?: string;
  headers?: Record<string, string>;
  fields?: Record<string, string>;
  appKey?: string;
}

export async function upload(
  srv: TestServer,
  bytes: Uint8Array,
  o: UploadOptions = {},
): Promise<{ status: number; body: Json; headers: Headers }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(o.fields ?? {})) form.append(k, v);
  form.append('file', new Blob([Buffer.from(bytes)]), o.name ?? 'file.bin');
  const headers: Record<string, string> = { ...o.headers };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  const res = await fetch(`${srv.httpUrl}/${(o.appKey ?? srv.defaultApp!.appKey).replace('#', '/')}/chatfiles`, {
    method: 'POST',
    headers,
    body: form,
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Json) : undefined, headers: res.headers };
}

export async function download(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; bytes: Buffer; headers: Headers; json: Json }> {
  const res = await fetch(url, { headers });
  const bytes = Buffer.from(await res.arrayBuffer());
  const json = res.headers.get('content-type')?.includes('json') ? (JSON.parse(bytes.toString()) as Json) : undefined;
  return { status: res.status, bytes, headers: res.headers, json };
}

/** Every file under the data dir's file store (staged and committed), relative paths. */
export function filesOnDisk(dataDir: string): string[] {
  const root = join(dataDir, 'files');
  const out: string[] = [];
  const walk = (dir: string, rel: string) => {
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const n of names) {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) walk(p, `${rel}${n}/`);
      else out.push(`${rel}${n}`);
    }
  };
  walk(root, '');
  return out;
}
