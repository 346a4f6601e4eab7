/**
 * request / uploadFile / downloadFile in the WeChat shape, which QQ, Baidu, ByteDance and uni-app
 * share (Alipay differs and has its own in ../alipay.ts). Each platform file passes its own
 * typed API object; these take only the fields they use.
 */
import { PigeonError } from '@pigeon/protocol';
import type {
  DownloadHandle,
  DownloadRequest,
  HttpRequest,
  HttpResponse,
  UploadHandle,
  UploadRequest,
} from '../../core/platform.js';
import { errText } from './socket.js';

type Fail = (e: unknown) => void;

export interface WxLikeRequest {
  request(o: {
    url: string;
    method?: HttpRequest['method'];
    header?: Record<string, string>;
    data?: string;
    timeout?: number;
    success?(res: { statusCode: number; data: unknown }): void;
    fail?: Fail;
  }): unknown;
}

interface ProgressTask {
  abort(): void;
  onProgressUpdate?(cb: (p: { totalBytesSent: number; totalBytesExpectedToSend: number }) => void): void;
}

export interface WxLikeUpload {
  uploadFile(o: {
    url: string;
    filePath: string;
    name: string;
    header?: Record<string, string>;
    formData?: Record<string, string>;
    success?(res: { statusCode: number; data: string }): void;
    fail?: Fail;
  }): ProgressTask | undefined | void;
}

interface DownloadTaskLike {
  abort(): void;
  onProgressUpdate?(cb: (p: { totalBytesWritten: number; totalBytesExpectedToWrite: number }) => void): void;
}

export interface WxLikeDownload {
  downloadFile(o: {
    url: string;
    header?: Record<string, string>;
    success?(res: { statusCode: number; tempFilePath: string }): void;
    fail?: Fail;
  }): DownloadTaskLike | undefined | void;
}

/** JSON when it parses, else the text (mini-programs hand back either, depending on dataType). */
export function parseBody(data: unknown): unknown {
  if (typeof data !== 'string' || data === '') return data;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return data;
  }
}

export const networkError = (platform: string, e: unknown, what: string): PigeonError =>
  new PigeonError('NETWORK', errText(e, `${what} failed`), { details: { platform, errMsg: errText(e, '') } });

export function jsonHeaders(req: HttpRequest): Record<string, string> {
  const h: Record<string, string> = { ...req.headers };
  if (req.body !== undefined && !Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) {
    h['content-type'] = 'application/json';
  }
  return h;
}

export function wxRequest(api: WxLikeRequest, platform: string, req: HttpRequest): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    api.request({
      url: req.url,
      method: req.method,
      header: jsonHeaders(req),
      data: req.body === undefined ? undefined : JSON.stringify(req.body),
      timeout: req.timeoutMs,
      success: (res) => resolve({ status: res.statusCode, data: parseBody(res.data) }),
      fail: (e: unknown) => reject(networkError(platform, e, 'request')),
    });
  });
}

export function wxUpload(api: WxLikeUpload, platform: string, req: UploadRequest): UploadHandle {
  let task: ProgressTask | undefined | void;
  const done = new Promise<HttpResponse>((resolve, reject) => {
    task = api.uploadFile({
      url: req.url,
      filePath: String(req.file),
      name: req.fieldName ?? 'file',
      header: req.headers,
      formData: req.formData,
      success: (res) => resolve({ status: res.statusCode, data: parseBody(res.data) }),
      fail: (e: unknown) => reject(networkError(platform, e, 'uploadFile')),
    });
  });
  const progress = req.onProgress;
  if (task && progress) task.onProgressUpdate?.((p) => progress(p.totalBytesSent, p.totalBytesExpectedToSend));
  return { done, abort: () => task?.abort() };
}

export function wxDownload(api: WxLikeDownload, platform: string, req: DownloadRequest): DownloadHandle {
  let task: DownloadTaskLike | undefined | void;
  const done = new Promise<{ status: number; path: string }>((resolve, reject) => {
    task = api.downloadFile({
      url: req.url,
      header: req.headers,
      success: (res) => resolve({ status: res.statusCode, path: res.tempFilePath }),
      fail: (e: unknown) => reject(networkError(platform, e, 'downloadFile')),
    });
  });
  const progress = req.onProgress;
  if (task && progress) task.onProgressUpdate?.((p) => progress(p.totalBytesWritten, p.totalBytesExpectedToWrite));
  return { done, abort: () => task?.abort() };
}
