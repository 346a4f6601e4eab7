/**
 * Node: the global WebSocket where Node has one (22+), else the `ws` package, loaded lazily so other
 * builds never see it (pass `WebSocket` to choose). fetch is global from Node 18. Storage: memory
 * unless you pass one (e.g. file-backed) to keep sync positions across restarts.
 */
import { PigeonError } from '@pigeon/protocol';
import type { KeyValueStorage, PlatformAdapter, PlatformSocket, SocketHandlers } from '../core/platform.js';
import type { PlatformEntry } from '../core/registry.js';
import { fetchRequest, type FetchLike } from './fetch.js';
import { nodeDownload, nodeUpload } from './node-files.js';
import { connectWebSocket, type WebSocketConstructor } from './websocket.js';

export interface NodeAdapterOptions {
  /** A WebSocket class, e.g. `import WebSocket from 'ws'`. Default: global WebSocket, else `ws`. */
  WebSocket?: WebSocketConstructor;
  storage?: KeyValueStorage;
}

interface NodeGlobals {
  WebSocket?: WebSocketConstructor;
  fetch?: FetchLike;
  process?: { versions?: { node?: string } };
}

const g = (): NodeGlobals => globalThis as unknown as NodeGlobals;

let wsModule: Promise<WebSocketConstructor> | undefined;

/** `ws` by a computed name, so bundlers targeting browsers do not try to resolve it. */
function loadWs(): Promise<WebSocketConstructor> {
  const name = 'ws';
  wsModule ??= (
    import(/* webpackIgnore: true */ /* @vite-ignore */ name) as Promise<{ default: WebSocketConstructor }>
  ).then(
    (m) => m.default,
    (e: unknown) => {
      wsModule = undefined;
      throw new PigeonError('NETWORK', 'No WebSocket in this Node: install the `ws` package or pass WebSocket', {
        cause: e,
      });
    },
  );
  return wsModule;
}

/** Connects once `ws` has loaded; a close() before that ends the attempt cleanly. */
function deferredSocket(load: Promise<WebSocketConstructor>, url: string, h: SocketHandlers): PlatformSocket {
  let socket: PlatformSocket | undefined;
  let cancelled = false;
  const ready = load.then(
    (Ctor) => (cancelled ? h.onClose(1000, 'closed before open') : void (socket = connectWebSocket(Ctor, url, h))),
    (e: unknown) => (h.onError(String(e)), h.onClose(1006, 'no WebSocket implementation')),
  );
  return {
    send: (data) => {
      if (!socket) throw new PigeonError('NETWORK', 'Socket is not open');
      socket.send(data);
    },
    close: async (code, reason) => {
      cancelled = true;
      await ready;
      await socket?.close(code, reason);
    },
  };
}

export function createNodeAdapter(opts: NodeAdapterOptions = {}): PlatformAdapter {
  const fetchFn = g().fetch;
  return {
    name: 'node',
    socketRule: { maxSockets: Number.POSITIVE_INFINITY, newClosesOld: false },
    connect(url, handlers) {
      const Ctor = opts.WebSocket ?? g().WebSocket;
      return Ctor ? connectWebSocket(Ctor, url, handlers) : deferredSocket(loadWs(), url, handlers);
    },
    async request(req) {
      if (!fetchFn) throw new PigeonError('NETWORK', 'No global fetch (Node >= 18 required)');
      return fetchRequest(fetchFn)(req);
    },
    upload: nodeUpload,
    download: nodeDownload,
    storage: opts.storage,
  };
}

export const node: PlatformEntry = {
  name: 'node',
  detect: () => typeof g().process?.versions?.node === 'string',
  create: () => createNodeAdapter(),
};
