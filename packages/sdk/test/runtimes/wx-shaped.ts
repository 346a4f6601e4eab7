/**
 * A WeChat-shaped platform object (`wx`, and with per-platform variations `qq`, `swan`, `tt`,
 * `uni`) on a SimRuntime: connectSocket/SocketTask, request, uploadFile, downloadFile, storage,
 * network status and app show/hide, with the callback shapes the platforms document.
 */
import type { SimRuntime, SimOptions } from './sim-runtime.js';
import type { SimSocket } from './sim-socket.js';
import { jsonOrText, multipart, rawRequest, saveTemp, text, type RawResponse } from './sim-http.js';

type Fn = (res?: unknown) => void;
type Opts = Record<string, unknown> & { success?: Fn; fail?: Fn; complete?: Fn };

export interface WxShapedOptions extends SimOptions {
  /** Sockets the platform allows at once; connectSocket beyond it fails (fail callback + onError). */
  maxSockets?: number;
  /** Baidu: off*() ignores the listener and removes all of them. */
  offRemovesAll?: boolean;
  /** ByteDance: SocketTask methods called before connectSocket's callback are ignored. */
  taskReadyAfterCallback?: boolean;
  /** uni-app: without success/fail/complete, connectSocket returns a Promise, not the task. */
  taskOnlyWithCallback?: boolean;
  /** Extra fields of connectSocket's success result (ByteDance: socketTaskId). */
  connectSuccess?: (task: SimTask) => Record<string, unknown>;
}

const call = (rt: SimRuntime, o: Opts, ok: boolean, res: unknown) =>
  rt.deliver(() => {
    (ok ? o.success : o.fail)?.(res);
    o.complete?.(res);
  });

export class SimTask {
  readonly listeners = { open: new Set<Fn>(), message: new Set<Fn>(), close: new Set<Fn>(), error: new Set<Fn>() };
  socket: SimSocket | undefined;
  /** ByteDance: false until connectSocket's callback has fired. */
  ready = true;
  readonly #rt: SimRuntime;
  readonly id: number;

  constructor(rt: SimRuntime, id: number) {
    this.#rt = rt;
    this.id = id;
  }
  emit(kind: keyof SimTask['listeners'], res: unknown): void {
    for (const cb of [...this.listeners[kind]]) cb(res);
  }
  onOpen = (cb: Fn) => void this.listeners.open.add(cb);
  onMessage = (cb: Fn) => void this.listeners.message.add(cb);
  onClose = (cb: Fn) => void this.listeners.close.add(cb);
  onError = (cb: Fn) => void this.listeners.error.add(cb);
  send = (o: Opts) => this.#send(o);
  close = (o: Opts = {}) => this.#close(o);

  #send(o: Opts): void {
    const rt = this.#rt;
    const ok = this.ready && this.socket?.send(o.data as string | ArrayBuffer) === true;
    call(rt, o, ok, { errMsg: ok ? 'sendSocketMessage:ok' : 'sendSocketMessage:fail WebSocket is not connected' });
  }

  #close(o: Opts): void {
    const rt = this.#rt;
    const code = (o.code as number | undefined) ?? 1000;
    if (code !== 1000 && (code < 3000 || code > 4999)) {
      return call(rt, o, false, { errMsg: 'closeSocket:fail The code must be either 1000, or between 3000 and 4999' });
    }
    if (!this.ready) return; // ByteDance: too early, silently ignored
    const ok = this.socket?.close(code, (o.reason as string | undefined) ?? '') === true;
    call(rt, o, ok, { errMsg: ok ? 'closeSocket:ok' : 'closeSocket:fail task not found' });
  }
}

export function wxShaped(rt: SimRuntime, opt: WxShapedOptions = {}) {
  const max = opt.maxSockets ?? 5;
  let taskIds = 1;
  const remover = (set: Set<Fn>) => (cb?: Fn) => (cb && !opt.offRemovesAll ? set.delete(cb) : set.clear());

  function connectSocket(o: Opts) {
    const task = new SimTask(rt, taskIds++);
    if (opt.taskReadyAfterCallback) task.ready = false;
    if (rt.sockets.size >= max) {
      rt.stats.refused++;
      const errMsg = 'connectSocket:fail exceed max task count';
      call(rt, o, false, { errMsg });
      rt.deliver(() => task.emit('error', { errMsg }));
    } else {
      task.socket = rt.openSocket(String(o.url), {
        open: () => task.emit('open', { header: {}, profile: {} }),
        message: (data) => task.emit('message', { data }),
        close: (code, reason) => task.emit('close', { code, reason }),
        error: (errMsg) => task.emit('error', { errMsg }),
      });
      rt.deliver(() => {
        task.ready = true;
        const res = { errMsg: 'connectSocket:ok', ...opt.connectSuccess?.(task) };
        o.success?.(res);
        o.complete?.(res);
      });
    }
    const withCallback = o.success || o.fail || o.complete;
    return opt.taskOnlyWithCallback && !withCallback ? Promise.resolve(task) : task;
  }

  function request(o: Opts) {
    const headers = (o.header ?? {}) as Record<string, unknown>;
    const body = typeof o.data === 'string' || o.data === undefined ? o.data : JSON.stringify(o.data);
    const r = rawRequest(rt.online, {
      url: String(o.url),
      method: o.method as string,
      headers,
      body,
      timeoutMs: o.timeout as number,
    });
    r.done.then(
      (res) => {
        const data = o.dataType === undefined || o.dataType === 'json' ? jsonOrText(res) : text(res);
        call(rt, o, true, { data, statusCode: res.status, header: res.headers, errMsg: 'request:ok' });
      },
      (e: Error) => call(rt, o, false, { errMsg: `request:fail ${e.message}` }),
    );
    return { abort: r.abort };
  }

  function uploadFile(o: Opts) {
    // uni-app: without success/fail/complete the call returns a Promise, not the task.
    if (opt.taskOnlyWithCallback && !(o.success || o.fail || o.complete))
      return new Promise((resolve, reject) => uploadFile({ ...o, success: resolve, fail: reject }));
    const progress = new Set<Fn>();
    const form = multipart(String(o.filePath), String(o.name), o.formData as Record<string, unknown>);
    const headers = { ...(o.header as object), 'content-type': form.contentType };
    const r = rawRequest(rt.online, {
      url: String(o.url),
      method: 'POST',
      headers,
      body: form.body,
      onProgress: (sent, total) => {
        const p = { progress: Math.round((sent / total) * 100), totalBytesSent: sent, totalBytesExpectedToSend: total };
        for (const cb of progress) rt.deliver(() => cb(p));
      },
    });
    r.done.then(
      (res: RawResponse) => call(rt, o, true, { data: text(res), statusCode: res.status, errMsg: 'uploadFile:ok' }),
      (e: Error) => call(rt, o, false, { errMsg: `uploadFile:fail ${e.message}` }),
    );
    return {
      abort: r.abort,
      onProgressUpdate: (cb: Fn) => void progress.add(cb),
      offProgressUpdate: remover(progress),
    };
  }

  function downloadFile(o: Opts) {
    const progress = new Set<Fn>();
    const r = rawRequest(rt.online, { url: String(o.url), headers: o.header as Record<string, unknown> });
    r.done.then(
      (res) => {
        const n = res.body.length;
        for (const cb of progress) cb({ progress: 100, totalBytesWritten: n, totalBytesExpectedToWrite: n });
        call(rt, o, true, {
          tempFilePath: saveTemp(res.body, String(o.url)),
          statusCode: res.status,
          errMsg: 'downloadFile:ok',
        });
      },
      (e: Error) => call(rt, o, false, { errMsg: `downloadFile:fail ${e.message}` }),
    );
    return { abort: r.abort, onProgressUpdate: (cb: Fn) => void progress.add(cb) };
  }

  return {
    connectSocket,
    request,
    uploadFile,
    downloadFile,
    getStorageSync: (key: string): unknown => (rt.storage.has(key) ? structuredClone(rt.storage.get(key)) : ''),
    setStorageSync: (key: string, data: unknown) => void rt.storage.set(key, structuredClone(data)),
    removeStorageSync: (key: string) => void rt.storage.delete(key),
    onNetworkStatusChange: (cb: Fn) => void rt.networkListeners.add(cb),
    offNetworkStatusChange: remover(rt.networkListeners),
    onAppShow: (cb: Fn) => void rt.showListeners.add(cb),
    offAppShow: remover(rt.showListeners),
    onAppHide: (cb: Fn) => void rt.hideListeners.add(cb),
    offAppHide: remover(rt.hideListeners),
  };
}
