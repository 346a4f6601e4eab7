/**
 * Limits against abuse that a per-connection token bucket cannot see: password guessing, mass
 * registration through open registration, upload floods, and sends per user (all their devices) and
 * per app. Counted in fixed windows on a RateCounter (shared through Redis in a cluster). A limit
 * with `max` 0 is off. Every refusal is RATE_LIMITED with `retryAfterMs`.
 */
import { PigeonError } from '@pigeon/protocol';
import type { RateCounter } from '../ports/rate-counter.js';

export interface WindowLimit {
  /** Hits allowed per window; 0 turns the limit off. */
  max: number;
  windowMs: number;
}

export interface AbuseOptions {
  /** Failed password logins per user name (any client); the right password is refused too until the window ends. */
  loginFailuresPerUser: WindowLimit;
  /** Failed password logins per client address (guessing across many user names). */
  loginFailuresPerAddress: WindowLimit;
  /** Registrations without the admin token (open registration), per client address. */
  registrationsPerAddress: WindowLimit;
  /** File uploads per user (or per app for the admin token). */
  uploadsPerUser: WindowLimit;
  /** Messages per user over all their connections. */
  sendsPerUser: WindowLimit;
  /** Messages per app over all its users and nodes. */
  sendsPerApp: WindowLimit;
}

export const DEFAULT_ABUSE: AbuseOptions = {
  loginFailuresPerUser: { max: 10, windowMs: 15 * 60_000 },
  loginFailuresPerAddress: { max: 100, windowMs: 15 * 60_000 },
  // Off by default: open registration is a development convenience (the default app), and tests and
  // the bench register many users from one address. Turn it on where open registration faces the public.
  registrationsPerAddress: { max: 0, windowMs: 60 * 60_000 },
  uploadsPerUser: { max: 120, windowMs: 60_000 },
  sendsPerUser: { max: 0, windowMs: 1000 },
  sendsPerApp: { max: 0, windowMs: 1000 },
};

const limited = (what: string, retryAfterMs: number) =>
  new PigeonError('RATE_LIMITED', `Too many ${what}; retry in ${Math.ceil(retryAfterMs / 1000)} s.`, {
    retryAfterMs: Math.max(1, retryAfterMs),
  });

export class AbuseLimits {
  readonly #counter: RateCounter;
  readonly #o: AbuseOptions;

  constructor(counter: RateCounter, options: Partial<AbuseOptions> = {}) {
    this.#counter = counter;
    this.#o = { ...DEFAULT_ABUSE, ...options };
  }

  /** Before checking a password: refuses while the user or the address has failed too often. */
  async beforeLogin(appId: string, username: string, address = ''): Promise<void> {
    await this.#refuseIfOver(
      this.#o.loginFailuresPerUser,
      `login:u:${appId}:${username}`,
      'failed logins for this user',
    );
    if (address)
      await this.#refuseIfOver(
        this.#o.loginFailuresPerAddress,
        `login:a:${address}`,
        'failed logins from this address',
      );
  }

  async loginFailed(appId: string, username: string, address = ''): Promise<void> {
    const jobs = [this.#count(this.#o.loginFailuresPerUser, `login:u:${appId}:${username}`)];
    if (address) jobs.push(this.#count(this.#o.loginFailuresPerAddress, `login:a:${address}`));
    await Promise.all(jobs);
  }

  async loginSucceeded(appId: string, username: string): Promise<void> {
    if (this.#o.loginFailuresPerUser.max > 0) await this.#counter.reset(`login:u:${appId}:${username}`);
  }

  /** One open registration from `address` (a batch counts as one per user in it). */
  async registration(appId: string, address: string, users = 1): Promise<void> {
    for (let i = 0; i < users; i++)
      await this.#take(this.#o.registrationsPerAddress, `reg:${appId}:${address}`, 'registrations from this address');
  }

  async upload(appId: string, owner: string): Promise<void> {
    await this.#take(this.#o.uploadsPerUser, `up:${appId}:${owner}`, 'uploads');
  }

  /** Whether `send` counts anything (off by default): the send path skips the call when not. */
  get limitsSends(): boolean {
    return this.#o.sendsPerUser.max > 0 || this.#o.sendsPerApp.max > 0;
  }

  async send(appId: string, user: string): Promise<void> {
    await this.#take(this.#o.sendsPerUser, `send:u:${appId}:${user}`, 'messages from this user');
    await this.#take(this.#o.sendsPerApp, `send:a:${appId}`, 'messages in this app');
  }

  async #take(limit: WindowLimit, key: string, what: string): Promise<void> {
    if (limit.max <= 0) return;
    const { count, resetMs } = await this.#counter.hit(key, limit.windowMs);
    if (count > limit.max) throw limited(what, resetMs);
  }

  async #count(limit: WindowLimit, key: string): Promise<void> {
    if (limit.max > 0) await this.#counter.hit(key, limit.windowMs);
  }

  async #refuseIfOver(limit: WindowLimit, key: string, what: string): Promise<void> {
    if (limit.max <= 0) return;
    const { count, resetMs } = await this.#counter.peek(key);
    if (count >= limit.max) throw limited(what, resetMs);
  }
}
