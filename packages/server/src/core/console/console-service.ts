/**
 * The platform administrator of the web console: the account made on first start, password sign-in
 * with throttling, and sessions (random ids kept only as hashes, each with its own anti-CSRF token).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { PigeonError } from '@pigeon/protocol';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import type { Clock } from '../ports/clock.js';
import type { ConsoleRepository, ConsoleSession } from '../ports/console.js';
import { LoginThrottle } from './login-throttle.js';

export interface ConsoleServiceDeps {
  repo: ConsoleRepository;
  clock: Clock;
  passwordCost?: number;
}

export interface SignIn {
  /** Goes in the cookie; only its hash is stored. */
  sessionId: string;
  csrf: string;
  expiresAt: number;
}

const random = (bytes: number) => randomBytes(bytes).toString('base64url');
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class ConsoleService {
  readonly #d: ConsoleServiceDeps;
  readonly #throttle = new LoginThrottle({ maxFailures: 5, windowMs: 15 * 60_000 });

  constructor(deps: ConsoleServiceDeps) {
    this.#d = deps;
  }

  /**
   * Creates the administrator when there is none yet, with `password` or a generated one (returned,
   * to print once). A given password also replaces an existing administrator's: the way back in
   * after a lost password is a restart with PIGEON_ADMIN_PASSWORD.
   */
  async ensureAdmin(username: string, password?: string): Promise<{ created: boolean; generated?: string }> {
    const existing = await this.#d.repo.admin(username);
    if (existing || (!password && (await this.#d.repo.countAdmins()) > 0)) {
      if (existing && password && !(await verifyPassword(password, existing.passwordHash)))
        await this.#d.repo.setAdminPassword(username, await hashPassword(password, this.#d.passwordCost));
      return { created: false };
    }
    const generated = password ? undefined : random(15);
    const passwordHash = await hashPassword(password ?? generated!, this.#d.passwordCost);
    await this.#d.repo.insertAdmin({ username, passwordHash, createdAt: this.#d.clock.now() });
    return generated ? { created: true, generated } : { created: true };
  }

  /** Checks the password (throttled per client and per name) and opens a session. */
  async signIn(username: string, password: string, client: string, ttlMs: number): Promise<SignIn> {
    const now = this.#d.clock.now();
    const keys = [`ip:${client}`, `user:${username}`];
    const wait = Math.max(...keys.map((k) => this.#throttle.retryAfter(k, now)));
    if (wait > 0)
      throw new PigeonError('RATE_LIMITED', 'Too many failed sign-ins; wait before trying again.', {
        retryAfterMs: wait,
      });
    const admin = await this.#d.repo.admin(username);
    const ok = admin ? await verifyPassword(password, admin.passwordHash) : false;
    if (!ok) {
      for (const k of keys) this.#throttle.fail(k, now);
      throw new PigeonError('AUTH_FAILED', 'Wrong administrator name or password.');
    }
    for (const k of keys) this.#throttle.succeed(k);
    await this.#d.repo.deleteExpired(now);
    const s = { sessionId: random(32), csrf: random(24), expiresAt: now + ttlMs };
    await this.#d.repo.insertSession({
      idHash: sha256(s.sessionId),
      username,
      csrf: s.csrf,
      createdAt: now,
      expiresAt: s.expiresAt,
    });
    return s;
  }

  /** The live session for a cookie value; NOT_AUTHENTICATED when missing, unknown or expired. */
  async session(sessionId: string | undefined): Promise<ConsoleSession> {
    if (!sessionId) throw new PigeonError('NOT_AUTHENTICATED', 'Sign in to the console first.');
    const s = await this.#d.repo.session(sha256(sessionId));
    if (!s) throw new PigeonError('NOT_AUTHENTICATED', 'The console session is unknown or signed out.');
    if (s.expiresAt <= this.#d.clock.now()) {
      await this.#d.repo.deleteSession(s.idHash);
      throw new PigeonError('NOT_AUTHENTICATED', 'The console session has expired; sign in again.');
    }
    return s;
  }

  async signOut(sessionId: string | undefined): Promise<void> {
    if (sessionId) await this.#d.repo.deleteSession(sha256(sessionId));
  }
}
