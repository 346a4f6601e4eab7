/**
 * Token lifetime: onTokenWillExpire when 20% of the validity is left (as Easemob), onTokenExpired at
 * expiry. Times come from the server's auth reply (corrected for clock skew) or the JWT itself.
 */
import { after, now } from './timers.js';

export class TokenClock {
  readonly #willExpire: () => void;
  readonly #expired: () => void;
  #cancel: (() => void)[] = [];
  #armedFor = '';

  constructor(willExpire: () => void, expired: () => void) {
    this.#willExpire = willExpire;
    this.#expired = expired;
  }

  /**
   * @param key identifies the token (a reconnect with the same token does not warn twice)
   * @param expiresAt local-clock ms since epoch
   * @param validityMs the token's whole validity, when known
   */
  arm(key: string, expiresAt: number, validityMs?: number): void {
    if (key === this.#armedFor) return;
    this.disarm();
    this.#armedFor = key;
    const left = expiresAt - now();
    const warnIn = left - 0.2 * (validityMs && validityMs > 0 ? validityMs : left);
    if (left > 0) this.#cancel.push(after(Math.max(0, warnIn), this.#willExpire));
    this.#cancel.push(after(Math.max(0, left), this.#expired));
  }

  disarm(): void {
    for (const c of this.#cancel) c();
    this.#cancel = [];
    this.#armedFor = '';
  }
}
