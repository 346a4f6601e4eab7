/** Browsers: WebSocket, fetch, localStorage, online/offline events, page visibility. */
import type { KeyValueStorage, PlatformAdapter } from '../core/platform.js';
import type { PlatformEntry } from '../core/registry.js';
import { fetchRequest, type FetchLike } from './fetch.js';
import { fetchDownload, xhrUpload } from './web-files.js';
import { connectWebSocket, type WebSocketConstructor } from './websocket.js';

interface EventTargetLike {
  addEventListener(type: string, fn: () => void): void;
  removeEventListener(type: string, fn: () => void): void;
}

/** Only what we use, typed here: the SDK compiles without the DOM library so core cannot reach for it. */
interface WebGlobals {
  window?: EventTargetLike;
  document?: EventTargetLike & { visibilityState?: string };
  WebSocket?: WebSocketConstructor;
  fetch?: FetchLike;
  localStorage?: {
    getItem(k: string): string | null;
    setItem(k: string, v: string): void;
    removeItem(k: string): void;
  };
}

const g = (): WebGlobals => globalThis as unknown as WebGlobals;

function listen(target: EventTargetLike | undefined, type: string, fn: () => void): () => void {
  target?.addEventListener(type, fn);
  return () => target?.removeEventListener(type, fn);
}

/** localStorage, or undefined where it is missing or throws (Safari private mode, sandboxed frames). */
function webStorage(): KeyValueStorage | undefined {
  let ls: WebGlobals['localStorage'];
  try {
    ls = g().localStorage;
    ls?.getItem('pigeon:probe');
  } catch {
    return undefined;
  }
  if (!ls) return undefined;
  const store = ls;
  return {
    get: (k) => store.getItem(k) ?? undefined,
    set: (k, v) => store.setItem(k, v),
    remove: (k) => store.removeItem(k),
  };
}

export function createWebAdapter(): PlatformAdapter {
  const { WebSocket, fetch } = g();
  if (!WebSocket || !fetch) throw new Error('@pigeon/sdk/web needs WebSocket and fetch');
  return {
    name: 'web',
    socketRule: { maxSockets: Number.POSITIVE_INFINITY, newClosesOld: false },
    connect: (url, handlers) => connectWebSocket(WebSocket, url, handlers),
    request: fetchRequest(fetch.bind(globalThis)),
    upload: xhrUpload,
    download: fetchDownload,
    storage: webStorage(),
    onNetworkChange(cb) {
      const off = [listen(g().window, 'online', () => cb(true)), listen(g().window, 'offline', () => cb(false))];
      return () => off.forEach((f) => f());
    },
    onAppShow(cb) {
      return listen(g().document, 'visibilitychange', () => g().document?.visibilityState === 'visible' && cb());
    },
    onAppHide(cb) {
      return listen(g().document, 'visibilitychange', () => g().document?.visibilityState === 'hidden' && cb());
    },
  };
}

export const web: PlatformEntry = {
  name: 'web',
  detect: () => typeof window !== 'undefined' && typeof document !== 'undefined' && typeof WebSocket !== 'undefined',
  create: createWebAdapter,
};

declare const window: unknown;
declare const document: unknown;
declare const WebSocket: unknown;
