/**
 * Uploads to `POST /{org}/{app}/chatfiles` through the platform adapter's `upload` (browser XHR,
 * Node http, wx.uploadFile and its peers), with progress, cancel, and a bounded number of retries
 * after a network failure; and helpers to download with the file's secret.
 */
import { PigeonError } from '@pigeon/protocol';
import { asPigeon, invalid } from '../errors.js';
import type { DownloadHandle, HttpResponse, PlatformAdapter, UploadHandle } from '../platform.js';
import { restError } from '../rest.js';
import { after } from '../timers.js';
import { utf8Decode } from '../utf8.js';

export type MediaType = 'img' | 'audio' | 'video' | 'file';

/** Easemob's FileObj (`{ url, filename, filetype, data }`) or a platform file handle itself. */
export interface FileObj {
  url?: string;
  filename?: string;
  filetype?: string;
  data?: unknown;
}

export interface UploadProgress {
  loaded: number;
  total: number;
  lengthComputable: boolean;
}

/** Easemob's UploadFileResult, plus what Pigeon's server says about the file. */
export interface UploadFileResult {
  url: string;
  secret: string;
  uuid: string;
  size?: number;
  filename?: string;
  contentType?: string;
  width?: number;
  height?: number;
  duration?: number;
  thumb?: string;
  entities: Array<Record<string, unknown> & { uuid: string; 'share-secret': string; type: 'chatfile' }>;
}

export interface UploadCallbacks {
  onFileUploadProgress?(e: UploadProgress): void;
  onFileUploadComplete?(r: UploadFileResult): void;
  onFileUploadError?(e: PigeonError): void;
  onFileUploadCanceled?(): void;
}

export interface UploadParams extends UploadCallbacks {
  file: unknown;
  filename?: string;
  /** Message type the file is for: the server checks the bytes against it. */
  type?: MediaType;
  /** Seconds (audio/video), checked by the server where the format shows it. */
  duration?: number;
  width?: number;
  height?: number;
  /** Easemob's restrict-access: only the secret opens the file (default true). */
  restrictAccess?: boolean;
  /** Attempts after a network failure (default 2). */
  retries?: number;
}

export interface UploadTarget {
  adapter: PlatformAdapter;
  /** `https://host/{org}/{app}`. */
  base: string;
  token(): string;
}

/** A running upload: await it (it is a Promise), or cancel it. */
export interface UploadTask extends Promise<UploadFileResult> {
  cancel(): void;
  /** Easemob-style alias of cancel(). */
  abort(): void;
}

const RETRY_BASE_MS = 300;

export function fileHandle(file: unknown, filename?: string): { handle: unknown; filename?: string } {
  const f = file as FileObj | null;
  const isObj = typeof f === 'object' && f !== null && ('data' in f || 'url' in f) && !isBinary(f);
  const handle = isObj ? (f.data ?? f.url) : file;
  const name = filename ?? (isObj ? f.filename : undefined) ?? (handle as { name?: unknown } | null)?.name;
  if (handle === undefined || handle === null || handle === '') throw invalid('file is required', { field: 'file' });
  return typeof name === 'string' && name ? { handle, filename: name } : { handle };
}

const isBinary = (v: object): boolean => ArrayBuffer.isView(v) || v instanceof ArrayBuffer;

function form(p: UploadParams): Record<string, string> {
  const out: Record<string, string> = {};
  if (p.type) out.type = p.type;
  for (const k of ['duration', 'width', 'height'] as const) if (typeof p[k] === 'number') out[k] = String(p[k]);
  return out;
}

export function parseUpload(res: HttpResponse, base: string): UploadFileResult {
  const body = (res.data && typeof res.data === 'object' ? res.data : {}) as Record<string, unknown>;
  if (res.status < 200 || res.status >= 300) throw restError(res.status, body);
  const e = (Array.isArray(body.entities) ? body.entities[0] : undefined) as
    UploadFileResult['entities'][0] | undefined;
  if (!e?.uuid) throw new PigeonError('INTERNAL', 'The upload response has no file entity');
  const pick = <T>(k: string, t: string): T | undefined => (typeof e[k] === t ? (e[k] as T) : undefined);
  const out: UploadFileResult = {
    url: pick<string>('url', 'string') ?? `${base}/chatfiles/${e.uuid}`,
    secret: e['share-secret'],
    uuid: e.uuid,
    entities: [e],
  };
  const extras = { size: 'number', filename: 'string', contentType: 'string', width: 'number', height: 'number' };
  for (const [k, t] of Object.entries({ ...extras, duration: 'number', thumb: 'string' }))
    if (pick(k, t) !== undefined) (out as unknown as Record<string, unknown>)[k] = e[k];
  return out;
}

/** Starts an upload; the returned task settles once, with the result or a typed error. */
export function startUpload(target: UploadTarget, p: UploadParams): UploadTask {
  const upload = target.adapter.upload;
  let current: UploadHandle | undefined;
  let cancelled = false;
  let stopWait: (() => void) | undefined;
  const attempt = (): Promise<HttpResponse> => {
    if (!upload) throw invalid(`Platform ${target.adapter.name} cannot upload files`);
    const { handle, filename } = fileHandle(p.file, p.filename);
    current = upload({
      url: `${target.base}/chatfiles`,
      file: handle,
      fileName: filename,
      fieldName: 'file',
      headers: {
        authorization: `Bearer ${target.token()}`,
        ...(p.restrictAccess === false ? {} : { 'restrict-access': 'true' }),
      },
      formData: form(p),
      onProgress: (loaded, total) => p.onFileUploadProgress?.({ loaded, total, lengthComputable: total > 0 }),
    });
    return current.done;
  };
  const run = async (): Promise<UploadFileResult> => {
    for (let tries = 0; ; tries++) {
      try {
        const result = parseUpload(await attempt(), target.base);
        p.onFileUploadComplete?.(result);
        return result;
      } catch (e) {
        const err = cancelled ? new PigeonError('UPLOAD_CANCELLED') : asPigeon(e);
        if (cancelled || !err.retryable || tries >= (p.retries ?? 2)) throw err;
        await new Promise<void>((resolve) => (stopWait = after(RETRY_BASE_MS * 2 ** tries, resolve)));
        if (cancelled) throw new PigeonError('UPLOAD_CANCELLED');
      }
    }
  };
  const promise = run().catch((e: unknown) => {
    const err = asPigeon(e);
    if (err.type === 'UPLOAD_CANCELLED') p.onFileUploadCanceled?.();
    else p.onFileUploadError?.(err);
    throw err;
  });
  const cancel = () => {
    if (cancelled) return;
    cancelled = true;
    current?.abort();
    stopWait?.();
  };
  return Object.assign(promise, { cancel, abort: cancel });
}

export interface DownloadParams {
  url: string;
  secret?: string;
  thumbnail?: boolean;
  headers?: Record<string, string>;
  onFileDownloadProgress?(e: UploadProgress): void;
  onFileDownloadComplete?(r: DownloadResult): void;
  onFileDownloadError?(e: PigeonError): void;
}

export interface DownloadResult {
  status: number;
  /** A temp file (mini-programs). */
  path?: string;
  /** The bytes (browsers, Node). */
  data?: ArrayBuffer;
}

/** A URL that opens the file by itself (for <image src>, <video src>): the secret in the query, as Easemob documents. */
export function getDownloadUrl(p: { url: string; secret?: string; thumbnail?: boolean }): string {
  const q = [p.secret ? `share-secret=${encodeURIComponent(p.secret)}` : '', p.thumbnail ? 'thumbnail=true' : '']
    .filter(Boolean)
    .join('&');
  return q ? `${p.url}${p.url.includes('?') ? '&' : '?'}${q}` : p.url;
}

export function startDownload(
  adapter: PlatformAdapter,
  p: DownloadParams,
): Promise<DownloadResult> & { abort(): void } {
  if (!adapter.download) throw invalid(`Platform ${adapter.name} cannot download files`);
  if (typeof p?.url !== 'string' || !p.url) throw invalid('download() needs the file url', { field: 'url' });
  const headers: Record<string, string> = { ...p.headers };
  if (p.secret) headers['share-secret'] = p.secret;
  if (p.thumbnail) headers.thumbnail = 'true';
  const h: DownloadHandle = adapter.download({
    url: p.url,
    headers,
    onProgress: (loaded, total) => p.onFileDownloadProgress?.({ loaded, total, lengthComputable: total > 0 }),
  });
  const promise = h.done.then(
    (r) => {
      if (r.status < 200 || r.status >= 300) throw restError(r.status, decodeError(r.data));
      p.onFileDownloadComplete?.(r);
      return r;
    },
    (e: unknown) => {
      throw asPigeon(e);
    },
  );
  const out = promise.catch((e: unknown) => {
    p.onFileDownloadError?.(asPigeon(e));
    throw e;
  });
  return Object.assign(out, { abort: () => h.abort() });
}

function decodeError(data: ArrayBuffer | undefined): Record<string, unknown> {
  if (!data) return {};
  try {
    return JSON.parse(utf8Decode(new Uint8Array(data))) as Record<string, unknown>;
  } catch {
    return {};
  }
}
