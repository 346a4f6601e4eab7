/**
 * A simulated WeChat mini-program runtime (`wx`) over Node: sockets on `ws`, requests on fetch,
 * storage in memory. wx.request appends a GET's data to the query string, as WeChat documents. Install it before loading the Easemob mini-program build.
 */
import { createRequire } from 'node:module';
import WebSocket from 'ws';
import type { EmAny } from './easemob-web.js';
import { withQuery } from './uni-sim.js';

const require = createRequire(import.meta.url);
type Cb = (v?: unknown) => void;

function socketTask(url: string): EmAny {
  const ws = new WebSocket(url);
  ws.binaryType = 'arraybuffer';
  const on: Record<string, Cb[]> = { open: [], message: [], close: [], error: [] };
  ws.on('open', () => on.open!.forEach((f) => f({})));
  ws.on('message', (data: ArrayBuffer) => on.message!.forEach((f) => f({ data })));
  ws.on('close', (code, reason) => on.close!.forEach((f) => f({ code, reason: String(reason) })));
  ws.on('error', (err) => on.error!.forEach((f) => f({ errMsg: String(err) })));
  return {
    onOpen: (f: Cb) => on.open!.push(f),
    onMessage: (f: Cb) => on.message!.push(f),
    onClose: (f: Cb) => on.close!.push(f),
    onError: (f: Cb) => on.error!.push(f),
    send: ({ data, success, fail }: { data: ArrayBuffer; success?: Cb; fail?: Cb }) => {
      if (ws.readyState !== WebSocket.OPEN) return fail?.({ errMsg: 'socket not open' });
      ws.send(data);
      success?.({});
    },
    close: () => ws.close(),
  };
}

function request(o: EmAny): void {
  const body =
    o.method === 'GET' || o.data === undefined
      ? undefined
      : typeof o.data === 'string'
        ? o.data
        : JSON.stringify(o.data);
  const url = (o.method ?? 'GET') === 'GET' ? withQuery(o.url, o.data) : o.url;
  fetch(url, { method: o.method ?? 'GET', headers: o.header ?? {}, ...(body === undefined ? {} : { body }) })
    .then(async (res) => {
      const text = await res.text();
      let data: unknown = text;
      try {
        data = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      o.success?.({
        statusCode: res.status,
        data,
        header: Object.fromEntries(res.headers as unknown as Iterable<[string, string]>),
      });
      o.complete?.({});
    })
    .catch((err: unknown) => {
      o.fail?.({ errMsg: String(err) });
      o.complete?.({});
    });
}

export function installWx(): void {
  const store = new Map<string, unknown>();
  const noop = () => undefined;
  (globalThis as EmAny).wx = {
    canIUse: () => true,
    getSystemInfo: noop,
    getSystemInfoSync: () => ({ platform: 'devtools', system: 'node', SDKVersion: '3.0.0' }),
    connectSocket: (o: EmAny) => socketTask(o.url),
    request,
    getStorageSync: (k: string) => store.get(k) ?? '',
    setStorageSync: (k: string, v: unknown) => void store.set(k, v),
    setStorage: (o: EmAny) => {
      store.set(o.key, o.data);
      o.success?.({});
    },
    removeStorageSync: (k: string) => void store.delete(k),
    onNetworkStatusChange: noop,
    offNetworkStatusChange: noop,
    onAppShow: noop,
    onAppHide: noop,
    offAppShow: noop,
    offAppHide: noop,
    env: { USER_DATA_PATH: '/tmp' },
  };
}

export function loadEasemobMiniProgram(): EmAny {
  installWx();
  const EC = require('easemob-websdk/miniProgram/Easemob-chat.js') as EmAny;
  const sdk = EC.default ?? EC;
  sdk.logger?.setConsoleLogVisibility?.(false);
  sdk.logger?.disableAll?.();
  return sdk;
}
