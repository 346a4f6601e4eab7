/**
 * The WHATWG WebSocket API (browsers, Node's global WebSocket, the `ws` package) mapped onto the
 * neutral PlatformSocket. Shared by the web and node adapters.
 */
import type { PlatformSocket, SocketHandlers } from '../core/platform.js';

/** Method-style so both DOM and `ws` event types are accepted. */
type Listener<E> = { bivarianceHack(event: E): void }['bivarianceHack'];

export interface WebSocketLike {
  readonly readyState: number;
  binaryType: string;
  send(data: string | ArrayBuffer): void;
  close(code?: number, reason?: string): void;
  onopen: Listener<unknown> | null;
  onmessage: Listener<{ data: unknown }> | null;
  onclose: Listener<{ code: number; reason: string }> | null;
  onerror: Listener<unknown> | null;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

const CLOSED = 3;

function toData(data: unknown): string | ArrayBuffer {
  if (typeof data === 'string' || data instanceof ArrayBuffer) return data;
  if (ArrayBuffer.isView(data)) {
    const copy = new Uint8Array(data.byteLength);
    copy.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    return copy.buffer;
  }
  return String(data);
}

export function connectWebSocket(Ctor: WebSocketConstructor, url: string, h: SocketHandlers): PlatformSocket {
  const ws = new Ctor(url);
  ws.binaryType = 'arraybuffer';
  let closed = false;
  let markClosed!: () => void;
  const gone = new Promise<void>((resolve) => (markClosed = resolve));
  ws.onopen = () => h.onOpen();
  ws.onmessage = (e) => h.onMessage(toData(e.data));
  ws.onerror = (e) => h.onError(e instanceof Error ? e.message : 'websocket error');
  ws.onclose = (e) => {
    if (closed) return;
    closed = true;
    markClosed();
    h.onClose(e.code, e.reason);
  };
  return {
    send: (data) => ws.send(data),
    close: (code = 1000, reason = '') => {
      if (ws.readyState !== CLOSED) ws.close(code, reason);
      return gone;
    },
  };
}
