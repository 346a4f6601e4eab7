/**
 * When to try again: backoff with full jitter between attempts, at most `max` attempts in a row
 * (the count restarts after every successful connect), a pause while the device says it is offline
 * (no attempts are burnt in a tunnel), and "now" for app show and network return.
 */
import { backoffDelay, type BackoffOptions } from './backoff.js';
import { after } from './timers.js';

export interface ReconnectConfig extends BackoffOptions {
  /** Most attempts in a row before giving up (autoReconnectNumMax). */
  max: number;
}

export type AttemptResult = 'ok' | 'retry' | 'stop';

export class Reconnector {
  readonly #cfg: ReconnectConfig;
  readonly #attempt: (n: number) => Promise<AttemptResult>;
  readonly #exhausted: () => void;
  #attempts = 0;
  #cancel: (() => void) | undefined;
  #running = false;
  #online = true;
  #waitingForNetwork = false;

  constructor(cfg: ReconnectConfig, attempt: (n: number) => Promise<AttemptResult>, exhausted: () => void) {
    this.#cfg = cfg;
    this.#attempt = attempt;
    this.#exhausted = exhausted;
  }

  get attempts(): number {
    return this.#attempts;
  }

  /** Schedules the next attempt after `delayMs`, or after the backoff delay. */
  schedule(delayMs?: number): void {
    this.cancel();
    if (this.#attempts >= this.#cfg.max) return this.#exhausted();
    if (!this.#online) {
      this.#waitingForNetwork = true;
      return;
    }
    this.#cancel = after(delayMs ?? backoffDelay(this.#attempts, this.#cfg), () => void this.#run());
  }

  /** Tries at once with a fresh count (app shown, network back); no-op while an attempt runs. */
  now(): void {
    if (this.#running) return;
    this.cancel();
    this.#attempts = 0;
    void this.#run();
  }

  /** A connect succeeded: the next outage gets the full number of attempts again. */
  reset(): void {
    this.#attempts = 0;
  }

  cancel(): void {
    this.#cancel?.();
    this.#cancel = undefined;
    this.#waitingForNetwork = false;
  }

  /** Returns true when an attempt was waiting for the network to come back. */
  setOnline(online: boolean): boolean {
    this.#online = online;
    const waited = online && this.#waitingForNetwork;
    if (online) this.#waitingForNetwork = false;
    return waited;
  }

  async #run(): Promise<void> {
    this.#cancel = undefined;
    this.#running = true;
    this.#attempts++;
    let result: AttemptResult = 'stop';
    try {
      result = await this.#attempt(this.#attempts);
    } finally {
      this.#running = false;
    }
    if (result === 'retry') this.schedule();
  }
}
