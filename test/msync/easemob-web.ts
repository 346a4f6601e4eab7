/**
 * Runs the unmodified Easemob (or Agora) Web SDK build in Node: the browser globals it needs (window
 * with WebSocket from `ws`, an XMLHttpRequest over fetch, localStorage), then the UMD bundle.
 */
import { createRequire } from 'node:module';
import WebSocket from 'ws';

const require = createRequire(import.meta.url);

type Listener = (ev: unknown) => void;

/** Enough of XMLHttpRequest for the SDK's REST calls (JSON in and out; FormData for uploads). */
class NodeXhr {
  readyState = 0;
  status = 0;
  responseText = '';
  response: unknown = '';
  responseType = '';
  timeout = 0;
  withCredentials = false;
  onreadystatechange: Listener | null = null;
  onload: Listener | null = null;
  onerror: Listener | null = null;
  ontimeout: Listener | null = null;
  onabort: Listener | null = null;
  readonly upload = { addEventListener: () => undefined };
  #method = 'GET';
  #url = '';
  #headers: Record<string, string> = {};
  #listeners: Record<string, Listener[]> = {};
  #resHeaders = new Headers();

  open(method: string, url: string): void {
    this.#method = method;
    this.#url = url;
    this.readyState = 1;
  }
  setRequestHeader(k: string, v: string): void {
    this.#headers[k] = v;
  }
  overrideMimeType(): void {}
  getResponseHeader(k: string): string | null {
    return this.#resHeaders.get(k);
  }
  getAllResponseHeaders(): string {
    return Array.from(this.#resHeaders as unknown as Iterable<[string, string]>)
      .map(([k, v]) => `${k}: ${v}`)
      .join('\r\n');
  }
  addEventListener(name: string, fn: Listener): void {
    (this.#listeners[name] ??= []).push(fn);
  }
  abort(): void {}
  send(body?: unknown): void {
    const init: RequestInit = { method: this.#method, headers: this.#headers };
    if (body !== undefined && body !== null && this.#method !== 'GET') init.body = body as BodyInit;
    fetch(this.#url, init)
      .then(async (res) => {
        this.status = res.status;
        this.#resHeaders = res.headers;
        this.responseText = await res.text();
        if (process.env.EM_XHR_DEBUG)
          console.error(
            'XHR',
            this.#method,
            this.#url,
            init.body ?? '',
            '->',
            res.status,
            this.responseText.slice(0, 300),
          );
        this.response = this.responseText;
        this.readyState = 4;
        this.#fire('readystatechange');
        this.#fire('load');
      })
      .catch(() => {
        this.readyState = 4;
        this.#fire('readystatechange');
        this.#fire('error');
      });
  }
  #fire(name: string): void {
    const ev = { target: this, type: name };
    (this as unknown as Record<string, Listener | null>)[`on${name}`]?.(ev);
    for (const fn of this.#listeners[name] ?? []) fn(ev);
  }
}

function installBrowserGlobals(): void {
  const g = globalThis as Record<string, unknown>;
  if (g.window) return;
  const store = new Map<string, string>();
  g.self = globalThis;
  g.window = globalThis;
  g.WebSocket = WebSocket;
  g.XMLHttpRequest = NodeXhr;
  g.localStorage = {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, String(v)),
    removeItem: (k: string) => void store.delete(k),
    clear: () => store.clear(),
  };
  g.navigator ??= { userAgent: 'node', onLine: true };
  g.document ??= { addEventListener: () => undefined, removeEventListener: () => undefined, hidden: false };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the SDK is driven through its own (loose) API
export type EmAny = any;

function quiet(sdk: EmAny): EmAny {
  sdk.logger?.setConsoleLogVisibility?.(false);
  sdk.logger?.disableAll?.();
  return sdk;
}

export function loadEasemobWeb(): EmAny {
  installBrowserGlobals();
  const EC = require('easemob-websdk/Easemob-chat.js') as EmAny;
  return quiet(EC.default ?? EC);
}

export function loadAgoraWeb(): EmAny {
  installBrowserGlobals();
  const AC = require('agora-chat/Agora-chat.js') as EmAny;
  return quiet(AC.default ?? AC);
}
