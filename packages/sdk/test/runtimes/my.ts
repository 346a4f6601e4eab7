/**
 * Simulated Alipay runtime (`my`). Two socket APIs, by base library:
 * - `connectSocket({ multiple: true })` returns a SocketTask whose callbacks get Alipay's nested
 *   shapes (`{ data: { data, isBuffer, socketTaskID } }`);
 * - without `multiple` (or with `legacy: true`, an old base library) there is ONE socket, driven
 *   by the global my.onSocketOpen/onSocketMessage/..., and a new connectSocket closes the old.
 * my.request reports `status`/`headers` and routes HTTP errors to fail (error 19, old clients);
 * storage takes `{ key }`; uploadFile requires `fileType` and reports totalBytesWritten; downloadFile
 * reports no HTTP status (error 13 when refused).
 */
import { SimRuntime, type SimOptions } from './sim-runtime.js';
import type { SimSocket } from './sim-socket.js';
import { multipart, rawRequest, saveTemp, text, jsonOrText } from './sim-http.js';

type Fn = (res?: unknown) => void;
type Opts = Record<string, unknown> & { success?: Fn; fail?: Fn; complete?: Fn };

export interface MyOptions extends SimOptions {
  /** Old base library: connectSocket never returns a task, only the global callbacks exist. */
  legacy?: boolean;
}

export function createMy(opt: MyOptions = {}) {
  const runtime = new SimRuntime({ backgroundSocketCloseMs: 5000, ...opt });
  const rt = runtime;
  const done = (o: Opts, ok: boolean, res: unknown) =>
    rt.deliver(() => {
      (ok ? o.success : o.fail)?.(res);
      o.complete?.(res);
    });
  const global = { open: new Set<Fn>(), message: new Set<Fn>(), close: new Set<Fn>(), error: new Set<Fn>() };
  let single: SimSocket | undefined;
  let ids = 1;
  const emitGlobal = (k: keyof typeof global, res?: unknown) => [...global[k]].forEach((cb) => cb(res));
  const off = (set: Set<Fn>) => (cb?: Fn) => (cb ? set.delete(cb) : set.clear());

  function connectTask(o: Opts) {
    const id = `task-${ids++}`;
    const l = { open: new Set<Fn>(), message: new Set<Fn>(), close: new Set<Fn>(), error: new Set<Fn>() };
    const emit = (k: keyof typeof l, res: unknown) => [...l[k]].forEach((cb) => cb(res));
    const s = rt.openSocket(String(o.url), {
      open: () => emit('open', { data: { socketTaskID: id } }),
      message: (data) =>
        emit('message', {
          data: {
            socketTaskID: id,
            data: typeof data === 'string' ? data : Buffer.from(data).toString('base64'),
            isBuffer: typeof data !== 'string',
          },
        }),
      close: (code, reason) => emit('close', { data: { socketTaskID: id }, code, reason }),
      error: (errorMessage) => emit('error', { data: { socketTaskID: id }, error: 1, errorMessage }),
    });
    done(o, true, { socketTaskID: id });
    return {
      onOpen: (cb: Fn) => void l.open.add(cb),
      onMessage: (cb: Fn) => void l.message.add(cb),
      onClose: (cb: Fn) => void l.close.add(cb),
      onError: (cb: Fn) => void l.error.add(cb),
      offOpen: off(l.open),
      offMessage: off(l.message),
      offClose: off(l.close),
      offError: off(l.error),
      send: (so: Opts) => done(so, s.send(decode(so)), { success: true }),
      close: (co: Opts = {}) => done(co, s.close(co.code as number, co.reason as string), { message: 'ok' }),
    };
  }

  function connectLegacy(o: Opts): undefined {
    // One socket per mini-program: the new one closes the old, whose close reaches the same global listeners.
    single?.close(1000, 'replaced by a new connectSocket');
    const s = rt.openSocket(String(o.url), {
      open: () => emitGlobal('open'),
      message: (data) =>
        emitGlobal(
          'message',
          typeof data === 'string'
            ? { data, isBuffer: false }
            : { data: Buffer.from(data).toString('base64'), isBuffer: true },
        ),
      close: (_code, reason) => emitGlobal('close', { reason }),
      error: (errorMessage) => emitGlobal('error', { error: 1, errorMessage }),
    });
    single = s;
    done(o, true, {});
    return undefined;
  }

  const my = {
    SDKVersion: opt.legacy ? '1.9.0' : '2.9.21',
    connectSocket: (o: Opts) => (o.multiple === true && !opt.legacy ? connectTask(o) : connectLegacy(o)),
    sendSocketMessage: (o: Opts) => done(o, single?.send(decode(o)) === true, { success: true }),
    closeSocket: (o: Opts = {}) =>
      done(o, single?.close(o.code as number, o.reason as string) === true, { message: 'ok' }),
    onSocketOpen: (cb: Fn) => void global.open.add(cb),
    offSocketOpen: off(global.open),
    onSocketMessage: (cb: Fn) => void global.message.add(cb),
    offSocketMessage: off(global.message),
    onSocketClose: (cb: Fn) => void global.close.add(cb),
    offSocketClose: off(global.close),
    onSocketError: (cb: Fn) => void global.error.add(cb),
    offSocketError: off(global.error),
    request(o: Opts) {
      const headers = (o.headers ?? o.header ?? {}) as Record<string, unknown>;
      const r = rawRequest(rt.online, {
        url: String(o.url),
        method: o.method as string,
        headers,
        body: o.data as string,
        timeoutMs: o.timeout as number,
      });
      r.done.then(
        (res) => {
          const data = o.dataType === 'json' || o.dataType === undefined ? jsonOrText(res) : text(res);
          if (res.status >= 400)
            done(o, false, {
              error: 19,
              errorMessage: 'http status error',
              status: res.status,
              data: text(res),
              headers: res.headers,
            });
          else
            done(o, true, {
              data,
              status: res.status,
              headers: res.headers,
              statusCode: res.status,
              header: res.headers,
            });
        },
        (e: Error) => done(o, false, { error: 12, errorMessage: `network error: ${e.message}` }),
      );
      return { abort: r.abort };
    },
    uploadFile(o: Opts) {
      const progress = new Set<Fn>();
      if (!o.fileType) {
        done(o, false, { error: 2, errorMessage: 'fileType is required' });
        return { abort: () => undefined, onProgressUpdate: (cb: Fn) => void progress.add(cb) };
      }
      const form = multipart(String(o.filePath), String(o.name ?? o.fileName), o.formData as Record<string, unknown>);
      const r = rawRequest(rt.online, {
        url: String(o.url),
        method: 'POST',
        headers: { ...(o.header as object), 'content-type': form.contentType },
        body: form.body,
        onProgress: (sent, total) =>
          progress.forEach((cb) =>
            rt.deliver(() =>
              cb({
                progress: Math.round((sent / total) * 100),
                totalBytesWritten: sent,
                totalBytesExpectedToWrite: total,
              }),
            ),
          ),
      });
      r.done.then(
        (res) => done(o, true, { data: text(res), statusCode: res.status, header: res.headers }),
        (e: Error) => done(o, false, { error: 12, errorMessage: e.message }),
      );
      return { abort: r.abort, onProgressUpdate: (cb: Fn) => void progress.add(cb) };
    },
    /** Alipay reports no status: a success is the file; an HTTP refusal is error 13 (no permission). */
    downloadFile(o: Opts) {
      const r = rawRequest(rt.online, { url: String(o.url), headers: o.header as Record<string, unknown> });
      r.done.then(
        (res) => {
          if (res.status >= 400) return done(o, false, { error: 13, errorMessage: '没有权限' });
          const path = saveTemp(res.body, String(o.url));
          done(o, true, { apFilePath: path, tempFilePath: path, headers: res.headers, header: res.headers });
        },
        (e: Error) => done(o, false, { error: 12, errorMessage: `下载失败 ${e.message}` }),
      );
      return { abort: r.abort };
    },
    getStorageSync: ({ key }: { key: string }) => ({
      data: rt.storage.has(key) ? structuredClone(rt.storage.get(key)) : null,
    }),
    setStorageSync: ({ key, data }: { key: string; data: unknown }) => void rt.storage.set(key, structuredClone(data)),
    removeStorageSync: ({ key }: { key: string }) => void rt.storage.delete(key),
    onNetworkStatusChange: (cb: Fn) => void rt.networkListeners.add(cb),
    offNetworkStatusChange: off(rt.networkListeners),
    onAppShow: (cb: Fn) => void rt.showListeners.add(cb),
    offAppShow: off(rt.showListeners),
    onAppHide: (cb: Fn) => void rt.hideListeners.add(cb),
    offAppHide: off(rt.hideListeners),
  };
  return { runtime, my };
}

/** Alipay sends binary as base64 text flagged isBuffer. */
function decode(o: Opts): string | ArrayBuffer {
  const data = String(o.data);
  if (o.isBuffer !== true) return data;
  const b = Buffer.from(data, 'base64');
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}
