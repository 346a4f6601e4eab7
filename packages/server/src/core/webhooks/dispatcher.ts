/**
 * Delivers the outbox: leases due rows (one node per row), POSTs each signed body, deletes it on a
 * 2xx, otherwise retries with exponential backoff until the app's maxAttempts, then marks it dead.
 */
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { OutboxRow, WebhookOutboxRepository, WebhookTransport } from '../ports/webhooks.js';
import type { App } from '../types.js';
import { signedHeaders } from './signature.js';

export interface DispatcherOptions {
  /** How often due rows are looked for when nothing was written meanwhile. */
  pollMs: number;
  /** Delay before the first retry; doubled each time, up to backoffMaxMs. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Per POST. */
  timeoutMs: number;
  /** Rows leased (and delivered in parallel) per round. */
  batch: number;
}

export const DEFAULT_DISPATCHER_OPTIONS: DispatcherOptions = Object.freeze({
  pollMs: 1000,
  backoffBaseMs: 5000,
  backoffMaxMs: 3_600_000,
  timeoutMs: 10_000,
  batch: 50,
});

export interface DispatcherDeps {
  repo: WebhookOutboxRepository;
  transport: WebhookTransport;
  clock: Clock;
  logger: Logger;
  appById(id: string): Promise<App | undefined>;
  /** This node's name in leases. */
  owner: string;
  options: DispatcherOptions;
}

export function backoffMs(o: DispatcherOptions, attempts: number): number {
  return Math.min(o.backoffMaxMs, o.backoffBaseMs * 2 ** Math.max(0, attempts - 1));
}

export class WebhookDispatcher {
  readonly #d: DispatcherDeps;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #stopped = true;

  constructor(deps: DispatcherDeps) {
    this.#d = deps;
  }

  start(): void {
    this.#stopped = false;
    this.kick();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  /** Runs a round now (or right after the current one). */
  kick(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    clearTimeout(this.#timer);
    this.#running = this.#round()
      .catch((err: unknown) => this.#d.logger.warn({ err }, 'webhook delivery round failed'))
      .then((full) => {
        this.#running = undefined;
        const again = full === true || this.#again;
        this.#again = false;
        if (again) this.kick();
        else if (!this.#stopped) this.#timer = setTimeout(() => this.kick(), this.#d.options.pollMs).unref();
      });
  }

  /** True when the round was full: more rows may be due. */
  async #round(): Promise<boolean> {
    const o = this.#d.options;
    const now = this.#d.clock.now();
    const lease = now + o.timeoutMs * 2 + 1000;
    const rows = await this.#d.repo.claim(this.#d.owner, now, lease, o.batch);
    await Promise.all(rows.map((r) => this.#deliver(r)));
    return rows.length === o.batch;
  }

  async #deliver(row: OutboxRow): Promise<void> {
    const app = await this.#d.appById(row.appId);
    if (!app) return this.#d.repo.delivered(row.id); // the app is gone: nobody to tell
    const secret = app.settings.webhooks.secret || app.clientSecret;
    const headers = signedHeaders(secret, this.#d.clock.now(), row.payload, row.type, row.eventId);
    let error: string;
    try {
      const res = await this.#d.transport.post({
        url: row.url,
        body: row.payload,
        headers,
        timeoutMs: this.#d.options.timeoutMs,
      });
      if (res.status >= 200 && res.status < 300) return this.#d.repo.delivered(row.id);
      error = `HTTP ${res.status}: ${res.text.slice(0, 200)}`;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const attempts = row.attempts + 1;
    const dead = attempts >= app.settings.webhooks.maxAttempts;
    const next = this.#d.clock.now() + backoffMs(this.#d.options, attempts);
    if (dead) this.#d.logger.warn({ appId: row.appId, event: row.eventId, url: row.url, error }, 'webhook dead letter');
    await this.#d.repo.failed(row.id, attempts, next, error, dead);
  }
}
