/**
 * One socket's life: open, JSON frames in and out, close. A Transport is never reused; the session
 * makes a new one per connection attempt and ignores callbacks from the ones it has let go.
 */
import { PigeonError, type ServerFrame } from '@pigeon/protocol';
import { closeError } from './errors.js';
import type { PlatformAdapter, PlatformSocket } from './platform.js';
import { settleWithin, withTimeout } from './timers.js';
import { utf8Decode } from './utf8.js';

export interface TransportHooks {
  frame(frame: ServerFrame): void;
  closed(code: number, reason: string): void;
}

type Phase = 'opening' | 'open' | 'closed';

export class Transport {
  readonly #socket: PlatformSocket;
  readonly #opened: Promise<void>;
  readonly #gone: Promise<void>;
  #phase: Phase = 'opening';
  #detached = false;

  constructor(adapter: PlatformAdapter, url: string, hooks: TransportHooks) {
    let opened!: { resolve(): void; reject(e: PigeonError): void };
    let gone!: () => void;
    this.#opened = new Promise<void>((resolve, reject) => (opened = { resolve, reject }));
    this.#opened.catch(() => undefined); // awaited by the session; never an unhandled rejection
    this.#gone = new Promise<void>((resolve) => (gone = resolve));
    this.#socket = adapter.connect(url, {
      onOpen: () => {
        if (this.#phase !== 'opening') return;
        this.#phase = 'open';
        opened.resolve();
      },
      onMessage: (data) => {
        const frame = this.#detached ? undefined : decodeFrame(data);
        if (frame) hooks.frame(frame);
      },
      onClose: (code, reason) => {
        gone();
        if (this.#phase === 'closed') return;
        this.#phase = 'closed';
        opened.reject(closeError(code, reason));
        if (!this.#detached) hooks.closed(code, reason);
      },
      onError: (message) => {
        if (this.#phase === 'opening') opened.reject(new PigeonError('NETWORK', `Socket error: ${message}`));
      },
    });
  }

  opened(timeoutMs: number): Promise<void> {
    return withTimeout(
      this.#opened,
      timeoutMs,
      () => new PigeonError('TIMEOUT', `Socket did not open within ${timeoutMs} ms`),
    );
  }

  send(text: string): void {
    if (this.#phase !== 'open') throw new PigeonError('NETWORK', 'Socket is not open');
    this.#socket.send(text);
  }

  /**
   * Closes and stops listening. Waits up to `waitMs` for the platform's close callback: a socket that
   * died silently may never call it, and the caller must not hang on it.
   */
  async close(waitMs: number, reason = 'closed by client'): Promise<void> {
    this.#detached = true;
    if (this.#phase !== 'closed') {
      this.#phase = 'closed';
      try {
        void this.#socket.close(1000, reason).catch(() => undefined);
      } catch {
        // already dead: nothing to close
      }
    }
    await settleWithin(this.#gone, waitMs);
  }
}

function decodeFrame(data: string | ArrayBuffer): ServerFrame | undefined {
  try {
    const text = typeof data === 'string' ? data : utf8Decode(new Uint8Array(data));
    const f: unknown = JSON.parse(text);
    if (!f || typeof f !== 'object') return undefined;
    const o = f as Record<string, unknown>;
    return typeof o.re === 'number' || typeof o.ev === 'string' ? (f as ServerFrame) : undefined;
  } catch {
    return undefined;
  }
}
