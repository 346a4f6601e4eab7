/**
 * A simulated uni-app runtime (`uni`) over Node, following uni-app's documented API semantics:
 * uni.connectSocket returns a SocketTask only when success, fail or complete is given (a Promise
 * otherwise); SocketTask.onOpen/onMessage({ data })/onClose({ code, reason })/onError({ errMsg }),
 * send({ data, success, fail, complete }), close({ code, reason }); uni.request turns a GET's data
 * object into the query string, sends other data as JSON (strings as they are), parses the response
 * as JSON when dataType is 'json' (the default) and answers success({ data, statusCode, header }) for
 * any HTTP status, fail({ errMsg }) only when the request could not be made. Storage is in memory.
 * Install it before loading the Easemob uni-app build (the build captures `uni` when it loads).
 */
import { createRequire } from 'node:module';
import WebSocket from 'ws';
import type { EmAny } from './easemob-web.js';

const require = createRequire(import.meta.url);
type Cb = (v?: unknown) => void;
interface Callbacks {
  success?: Cb;
  fail?: Cb;
  complete?: Cb;
}

const hasCallbacks = (o: Callbacks) => Boolean(o.success || o.fail || o.complete);

/** The uni-app calling convention: callbacks when given, else a Promise of the success result. */
function settle(o: Callbacks, run: (ok: Cb, ko: Cb) => void): Promise<unknown> | undefined {
  if (hasCallbacks(o)) {
    run(
      (r) => {
        o.success?.(r);
        o.complete?.(r);
      },
      (e) => {
        o.fail?.(e);
        o.complete?.(e);
      },
    );
    return undefined;
  }
  return new Promise((resolve, reject) => run(resolve, reject));
}

function socketTask(o: EmAny): EmAny {
  const ws = new WebSocket(o.url, { headers: o.header ?? {} });
  ws.binaryType = 'arraybuffer';
  const on: Record<string, Cb[]> = { open: [], message: [], close: [], error: [] };
  ws.on('open', () => on.open!.forEach((f) => f({ header: {} })));
  ws.on('message', (data: ArrayBuffer | Buffer, isBinary: boolean) =>
    on.message!.forEach((f) => f({ data: isBinary ? data : String(data) })),
  );
  ws.on('close', (code, reason) => on.close!.forEach((f) => f({ code, reason: String(reason) })));
  ws.on('error', (err) => on.error!.forEach((f) => f({ errMsg: `connectSocket:fail ${String(err)}` })));
  queueMicrotask(() => {
    o.success?.({ errMsg: 'connectSocket:ok' });
    o.complete?.({ errMsg: 'connectSocket:ok' });
  });
  return {
    onOpen: (f: Cb) => on.open!.push(f),
    onMessage: (f: Cb) => on.message!.push(f),
    onClose: (f: Cb) => on.close!.push(f),
    onError: (f: Cb) => on.error!.push(f),
    send: (s: { data: ArrayBuffer | string } & Callbacks) =>
      settle(s, (ok, ko) => {
        if (ws.readyState !== WebSocket.OPEN) return ko({ errMsg: 'sendSocketMessage:fail socket not open' });
        ws.send(s.data);
        ok({ errMsg: 'sendSocketMessage:ok' });
      }),
    close: (c: { code?: number; reason?: string } & Callbacks = {}) =>
      settle(c, (ok) => {
        ws.close(c.code ?? 1000, c.reason);
        ok({ errMsg: 'closeSocket:ok' });
      }),
  };
}

function connectSocket(o: EmAny): EmAny {
  if (hasCallbacks(o)) return socketTask(o);
  return Promise.resolve(socketTask(o));
}

/** GET data as the query string, appended to the URL's own (wx.request and uni.request both do this). */
export function withQuery(url: string, data: unknown): string {
  if (!data || typeof data !== 'object') return url;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(data as Record<string, unknown>))
    if (v !== undefined) q.append(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
  const s = q.toString();
  return s ? `${url}${url.includes('?') ? (url.endsWith('?') ? '' : '&') : '?'}${s}` : url;
}

function request(o: EmAny): EmAny {
  const method = String(o.method ?? 'GET').toUpperCase();
  const url = method === 'GET' ? withQuery(o.url, o.data) : o.url;
  const body =
    method === 'GET' || o.data === undefined ? undefined : typeof o.data === 'string' ? o.data : JSON.stringify(o.data);
  return settle(o, (ok, ko) => {
    fetch(url, { method, headers: o.header ?? {}, ...(body === undefined ? {} : { body }) })
      .then(async (res) => {
        const text = await res.text();
        let data: unknown = text;
        if ((o.dataType ?? 'json') === 'json')
          try {
            data = JSON.parse(text);
          } catch {
            /* left as text, as uni-app does */
          }
        const header = Object.fromEntries(res.headers as unknown as Iterable<[string, string]>);
        ok({ data, statusCode: res.status, header, cookies: [], errMsg: 'request:ok' });
      })
      .catch((err: unknown) => ko({ errMsg: `request:fail ${String(err)}` }));
  });
}

export function installUni(): void {
  const store = new Map<string, unknown>();
  const noop = () => undefined;
  const sys = { platform: 'android', system: 'Android 14', uniPlatform: 'app', SDKVersion: '', osName: 'android' };
  (globalThis as EmAny).uni = {
    canIUse: () => true,
    getSystemInfo: (o: Callbacks) => settle(o, (ok) => ok(sys)),
    getSystemInfoSync: () => sys,
    connectSocket,
    request,
    getStorageSync: (k: string) => store.get(k) ?? '',
    setStorageSync: (k: string, v: unknown) => void store.set(k, v),
    setStorage: (o: { key: string; data: unknown } & Callbacks) =>
      settle(o, (ok) => {
        store.set(o.key, o.data);
        ok({ errMsg: 'setStorage:ok' });
      }),
    removeStorageSync: (k: string) => void store.delete(k),
    getNetworkType: (o: Callbacks) => settle(o, (ok) => ok({ networkType: 'wifi' })),
    onNetworkStatusChange: noop,
    offNetworkStatusChange: noop,
    onAppShow: noop,
    onAppHide: noop,
    offAppShow: noop,
    offAppHide: noop,
  };
}

export function loadEasemobUniApp(): EmAny {
  installUni();
  const EC = require('easemob-websdk/uniApp/Easemob-chat.js') as EmAny;
  const sdk = EC.default ?? EC;
  sdk.logger?.setConsoleLogVisibility?.(false);
  sdk.logger?.disableAll?.();
  return sdk;
}
