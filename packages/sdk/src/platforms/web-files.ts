/**
 * Browser uploads over XMLHttpRequest, because fetch reports no upload progress; downloads over
 * fetch into an ArrayBuffer. Typed here with just what is used: the SDK compiles without the DOM library.
 */
import { PigeonError } from '@pigeon/protocol';
import type { DownloadHandle, DownloadRequest, HttpResponse, UploadHandle, UploadRequest } from '../core/platform.js';

interface XhrLike {
  open(method: string, url: string): void;
  setRequestHeader(k: string, v: string): void;
  send(body: unknown): void;
  abort(): void;
  status: number;
  responseText: string;
  upload: { onprogress: ((e: { loaded: number; total: number }) => void) | null };
  onload: (() => void) | null;
  onerror: (() => void) | null;
  onabort: (() => void) | null;
  ontimeout: (() => void) | null;
}
interface FormDataLike {
  append(k: string, v: unknown, name?: string): void;
}
interface WebFileGlobals {
  XMLHttpRequest?: new () => XhrLike;
  FormData?: new () => FormDataLike;
  Blob?: new (parts: unknown[]) => unknown;
  fetch?: (
    url: string,
    init: { headers: Record<string, string>; signal?: unknown },
  ) => Promise<{ status: number; arrayBuffer(): Promise<ArrayBuffer> }>;
  AbortController?: new () => { signal: unknown; abort(): void };
}
const g = (): WebFileGlobals => globalThis as unknown as WebFileGlobals;

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function xhrUpload(req: UploadRequest): UploadHandle {
  const { XMLHttpRequest: Xhr, FormData: Form, Blob } = g();
  if (!Xhr || !Form) throw new PigeonError('INVALID_ARGUMENT', 'This browser has no XMLHttpRequest/FormData');
  const xhr = new Xhr();
  const done = new Promise<HttpResponse>((resolve, reject) => {
    const fail = (what: string) => () => reject(new PigeonError('NETWORK', `upload ${what}`));
    xhr.onload = () => resolve({ status: xhr.status, data: parse(xhr.responseText) });
    xhr.onerror = fail('failed');
    xhr.onabort = fail('aborted');
    xhr.ontimeout = fail('timed out');
    xhr.upload.onprogress = (e) => req.onProgress?.(e.loaded, e.total);
    xhr.open('POST', req.url);
    for (const [k, v] of Object.entries(req.headers ?? {})) xhr.setRequestHeader(k, v);
    const form = new Form();
    for (const [k, v] of Object.entries(req.formData ?? {})) form.append(k, v);
    const bytes = req.file instanceof ArrayBuffer || ArrayBuffer.isView(req.file);
    const file = bytes && Blob ? new Blob([req.file]) : req.file;
    form.append(req.fieldName ?? 'file', file, req.fileName ?? (req.file as { name?: string }).name ?? 'file');
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}

export function fetchDownload(req: DownloadRequest): DownloadHandle {
  const { fetch, AbortController: Ctl } = g();
  if (!fetch) throw new PigeonError('INVALID_ARGUMENT', 'No fetch in this browser');
  const ctl = Ctl ? new Ctl() : undefined;
  const done = fetch(req.url, { headers: { ...req.headers }, signal: ctl?.signal }).then(
    async (res) => ({ status: res.status, data: await res.arrayBuffer() }),
    (e: unknown) => Promise.reject(new PigeonError('NETWORK', `download failed: ${String(e)}`, { cause: e })),
  );
  return { done, abort: () => ctl?.abort() };
}

interface InputLike {
  files?: ArrayLike<{ name: string; type: string }> | null;
}
interface DomGlobals {
  document?: { getElementById(id: string): unknown };
  URL?: { createObjectURL(o: unknown): string };
}

/**
 * Easemob's `utils.getFileUrl(fileInputId | input)`: the file chosen in an `<input type="file">`
 * as a FileObj (`data` is the File; `url` an object URL for previews), ready for message.create.
 */
export function getFileUrl(input: string | InputLike): {
  url: string;
  filename: string;
  filetype: string;
  data?: unknown;
} {
  const d = globalThis as unknown as DomGlobals;
  const el = (typeof input === 'string' ? d.document?.getElementById(input) : input) as InputLike | null | undefined;
  const file = el?.files?.[0];
  if (!file) return { url: '', filename: '', filetype: '' };
  const ext = /\.([^.]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? '';
  return { url: d.URL?.createObjectURL(file) ?? '', filename: file.name, filetype: ext || file.type, data: file };
}
