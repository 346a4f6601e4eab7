/**
 * One simulated mini-program socket on a REAL WebSocket (the `ws` client). The platform objects
 * in this folder wrap it in their own SocketTask shapes; this part only knows the life of a
 * socket: events are delivered asynchronously through the runtime (so they queue while the
 * app is suspended in the background), and a socket can be killed with or without a close event.
 */
import WebSocket from 'ws';

export interface SocketEvents {
  open(): void;
  message(data: string | ArrayBuffer): void;
  close(code: number, reason: string): void;
  error(message: string): void;
}

export interface SocketHost {
  /** Runs `fn` as a platform callback: later, and not while the app is suspended. */
  deliver(fn: () => void): void;
  online: boolean;
  forget(s: SimSocket): void;
  /** How long the platform takes to report a close the app asked for (0: as soon as the server answers). */
  readonly closeDelayMs: number;
  /** How long a close on a half-open (stalled) socket takes before the platform gives up and reports it. */
  readonly stalledCloseMs: number;
}

let nextId = 1;

export class SimSocket {
  readonly id = nextId++;
  readonly url: string;
  state: 'connecting' | 'open' | 'closing' | 'closed' = 'connecting';
  /** Frames the client sent, for assertions. */
  readonly sent: Array<string | ArrayBuffer> = [];
  #ws: WebSocket | undefined;
  #ev: SocketEvents;
  #host: SocketHost;
  /** Half-open: the link died without either end knowing; nothing gets in or out any more. */
  #stalled = false;
  #closeTimer: NodeJS.Timeout | undefined;

  constructor(host: SocketHost, url: string, ev: SocketEvents) {
    this.#host = host;
    this.#ev = ev;
    this.url = url;
    if (!host.online) {
      host.deliver(() => this.#fail('connectSocket:fail network is down'));
      return;
    }
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    this.#ws = ws;
    ws.on('open', () => host.deliver(() => this.#opened()));
    ws.on('message', (data: ArrayBuffer | Buffer, isBinary: boolean) => {
      const frame = isBinary ? toArrayBuffer(data) : Buffer.from(data as Buffer).toString('utf8');
      if (!this.#stalled) host.deliver(() => this.state === 'open' && this.#ev.message(frame));
    });
    ws.on('error', (e) => !this.#stalled && host.deliver(() => this.#ev.error(`socket error: ${e.message}`)));
    ws.on('close', (code, reason) => {
      if (this.#stalled || this.#closeTimer) return; // reported by the stalled / delayed close instead
      host.deliver(() => this.#closed(code, reason.toString()));
    });
  }

  send(data: string | ArrayBuffer): boolean {
    if (this.state !== 'open' || !this.#ws) return false;
    this.sent.push(data);
    if (!this.#stalled) this.#ws.send(typeof data === 'string' ? data : Buffer.from(data));
    return true;
  }

  close(code = 1000, reason = ''): boolean {
    if (this.state === 'closed' || this.state === 'closing') return false;
    this.state = 'closing';
    const delay = this.#stalled ? this.#host.stalledCloseMs : this.#host.closeDelayMs;
    if (!delay) {
      this.#end(code, reason);
      return true;
    }
    // The platform reports the close late (and the socket counts against its limit until then).
    this.#closeTimer = setTimeout(() => {
      this.#end(code, reason);
      this.#host.deliver(() => this.#closed(this.#stalled ? 1006 : code, this.#stalled ? 'close timed out' : reason));
    }, delay);
    return true;
  }

  /** The link dies silently (a NAT entry expired, the platform froze it): see SocketHost.stalledCloseMs. */
  stall(): void {
    if (this.state === 'open' || this.state === 'connecting') this.#stalled = true;
  }

  /** A frame as if the server had sent it. */
  inject(frame: string): void {
    this.#host.deliver(() => this.state === 'open' && this.#ev.message(frame));
  }

  #end(code: number, reason: string): void {
    if (this.#stalled || this.#ws?.readyState === WebSocket.CONNECTING) this.#ws?.terminate();
    else this.#ws?.close(code, reason);
  }

  /**
   * Cuts the TCP connection. `notify`: the platform reports a close (1006); otherwise it says
   * nothing at all, as seen on mini-programs after a network loss or a long background.
   */
  kill(notify: boolean, reason = 'connection lost'): void {
    if (this.state === 'closed') return;
    clearTimeout(this.#closeTimer);
    const ws = this.#ws;
    ws?.removeAllListeners();
    ws?.on('error', () => undefined);
    ws?.terminate();
    // Gone at once (no longer counted); the close callback, if any, comes when the app runs again.
    this.state = 'closed';
    this.#host.forget(this);
    if (notify) this.#host.deliver(() => this.#ev.close(1006, reason));
  }

  #opened(): void {
    if (this.state !== 'connecting') return;
    this.state = 'open';
    this.#ev.open();
  }

  #fail(message: string): void {
    this.#ev.error(message);
    this.#closed(1006, message);
  }

  #closed(code: number, reason: string): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.#host.forget(this);
    this.#ev.close(code, reason);
  }
}

function toArrayBuffer(data: ArrayBuffer | Buffer): ArrayBuffer {
  if (data instanceof ArrayBuffer) return data;
  const copy = new ArrayBuffer(data.byteLength);
  new Uint8Array(copy).set(data);
  return copy;
}
