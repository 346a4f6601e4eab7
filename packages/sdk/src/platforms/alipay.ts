/**
 * Alipay mini-programs (`my`), typed by @mini-types/alipay. Differences from WeChat handled here:
 * - one socket: a new one closes the old (the socket registry keeps Pigeon to one); with
 *   `multiple: true` connectSocket returns a SocketTask, on old base libraries it returns nothing
 *   and the global my.onSocket* callbacks apply (see mp/alipay-api.ts);
 * - message events come flat (`{ data }`) or nested (`{ data: { data, isBuffer } }`), binary as
 *   base64 with `isBuffer`;
 * - my.request reports `status`/`headers`, and older clients route HTTP errors to `fail` (error 19);
 * - storage takes `{ key }` objects; uploadFile needs a `fileType`.
 */
import { PigeonError } from '@pigeon/protocol';
import type { PlatformEntry } from '../core/registry.js';
import type {
  DownloadHandle,
  DownloadRequest,
  HttpRequest,
  HttpResponse,
  KeyValueStorage,
  UploadHandle,
  UploadRequest,
} from '../core/platform.js';
import { legacyTask, type MyApi } from './mp/alipay-api.js';
import { fromBase64, toBase64 } from './mp/base64.js';
import { FILE_TRANSFER } from './mp/build-flags.js';
import { jsonHeaders, networkError, parseBody } from './mp/http.js';
import { listen, method, visibilityOf } from './mp/runtime.js';
import { taskSocket, type MpSocketTask } from './mp/socket.js';
import { memoAdapter, type MpAdapter } from './mp/wx-like.js';
import { ALIPAY_RULE } from './socket-rules.js';

export type { MyApi };

declare const my: MyApi | undefined;

export const isAlipay = (): boolean => typeof my !== 'undefined' && typeof my?.connectSocket === 'function';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && Object.prototype.toString.call(v) !== '[object ArrayBuffer]';

/** A frame out of any of Alipay's message shapes. */
export function readAlipayMessage(res: unknown): string | ArrayBuffer {
  let m = isObject(res) ? res : { data: res };
  if (isObject(m.data) && 'data' in m.data) m = m.data;
  const data = m.data as string | ArrayBuffer;
  return m.isBuffer === true && typeof data === 'string' ? fromBase64(data) : data;
}

function connect(api: MyApi, url: string, handlers: Parameters<MpAdapter['connect']>[1]) {
  return taskSocket(
    (cb) => {
      const task = api.connectSocket({ url, multiple: true, success: cb.success, fail: cb.fail } as never) as unknown;
      return isObject(task) && typeof task.onOpen === 'function' ? (task as unknown as MpSocketTask) : legacyTask(api);
    },
    handlers,
    {
      read: readAlipayMessage,
      write(task, data, fail) {
        const frame = typeof data === 'string' ? { data, fail } : { data: toBase64(data), isBuffer: true, fail };
        task.send(frame);
      },
    },
  );
}

function request(api: MyApi, req: HttpRequest): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const headers = jsonHeaders(req);
    void api.request({
      url: req.url,
      method: req.method,
      headers,
      header: headers,
      data: req.body === undefined ? undefined : JSON.stringify(req.body),
      dataType: 'text',
      timeout: req.timeoutMs,
      success: (res) => resolve({ status: res.status ?? res.statusCode, data: parseBody(res.data) }),
      fail: (e) => {
        const r = e as { error?: number; status?: number; data?: unknown };
        if (r.error === 19 && typeof r.status === 'number') resolve({ status: r.status, data: parseBody(r.data) });
        else reject(networkError('alipay', e, 'request'));
      },
    });
  });
}

const fileType = (name = ''): string =>
  /\.(mp4|mov|m4v|3gp|avi)$/i.test(name) ? 'video' : /\.(mp3|aac|m4a|amr|wav|silk)$/i.test(name) ? 'audio' : 'image';

function upload(api: MyApi, req: UploadRequest): UploadHandle {
  let task: { abort?(o?: unknown): unknown; onProgressUpdate?: MyUploadTask['onProgressUpdate'] } | undefined;
  const done = new Promise<HttpResponse>((resolve, reject) => {
    const field = req.fieldName ?? 'file';
    task = api.uploadFile({
      url: req.url,
      filePath: String(req.file),
      name: field,
      fileName: field,
      fileType: fileType(req.fileName ?? String(req.file)),
      header: req.headers,
      formData: req.formData,
      success: (res) => resolve({ status: res.statusCode, data: parseBody(res.data) }),
      fail: (e) => reject(networkError('alipay', e, 'uploadFile')),
    }) as typeof task;
  });
  const progress = req.onProgress;
  if (progress) task?.onProgressUpdate?.((p) => progress(p.totalBytesWritten, p.totalBytesExpectedToWrite));
  return { done, abort: () => void task?.abort?.() };
}
type MyUploadTask = my.UploadTask;

/** my.downloadFile reports no HTTP status: a success is the file (200); error 13 is Alipay's "no permission". */
function download(api: MyApi, req: DownloadRequest): DownloadHandle {
  let task: { abort?(o?: unknown): unknown } | undefined;
  const done = new Promise<{ status: number; path: string }>((resolve, reject) => {
    task = api.downloadFile({
      url: req.url,
      header: req.headers,
      success: (res) => resolve({ status: 200, path: res.tempFilePath ?? res.apFilePath }),
      fail: (e) =>
        (e as { error?: number }).error === 13
          ? resolve({ status: 403, path: '' })
          : reject(networkError('alipay', e, 'downloadFile')),
    }) as unknown as typeof task;
  });
  return { done, abort: () => void task?.abort?.() };
}

function storage(api: MyApi): KeyValueStorage {
  return {
    get(key) {
      const v = api.getStorageSync({ key })?.data;
      return typeof v === 'string' ? v : undefined;
    },
    set: (key, data) => void api.setStorageSync({ key, data }),
    remove: (key) => void api.removeStorageSync({ key }),
  };
}

export function alipayAdapter(api: MyApi | undefined = typeof my !== 'undefined' ? my : undefined): MpAdapter {
  if (!api) throw new PigeonError('INVALID_ARGUMENT', 'my is not defined: not an Alipay mini-program');
  return memoAdapter(api, (a) => {
    const visibility = visibilityOf(a);
    return Object.freeze({
      name: 'alipay',
      socketRule: ALIPAY_RULE,
      scope: a,
      visibility,
      connect: (url, handlers) => connect(a, url, handlers),
      request: (req) => request(a, req),
      upload: FILE_TRANSFER ? (req) => upload(a, req) : undefined,
      download: FILE_TRANSFER ? (req) => download(a, req) : undefined,
      storage: storage(a),
      onNetworkChange: (cb) =>
        listen(method(a, 'onNetworkStatusChange'), method(a, 'offNetworkStatusChange'), (r: { isConnected: boolean }) =>
          cb(r.isConnected),
        ),
      onAppShow: (cb) => visibility.onShow(cb),
      onAppHide: (cb) => visibility.onHide(cb),
    } satisfies MpAdapter);
  });
}

/** The registry entry: `defineSdk([alipayPlatform])` builds an SDK for this platform alone. */
export const alipayPlatform: PlatformEntry = Object.freeze({
  name: 'alipay',
  detect: isAlipay,
  create: () => alipayAdapter(),
});
