/**
 * The admin token (client_credentials) the client signs every call with: fetched on first use,
 * fetched again shortly before it expires, and on demand after a 401. Concurrent calls share one fetch.
 */
export interface IssuedAdminToken {
  token: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

export interface AdminTokenOptions {
  fetchToken: () => Promise<{ token: string; expiresInSeconds: number }>;
  now: () => number;
}

/** Refresh once this share of the lifetime is left (at most 5 minutes before expiry). */
const REFRESH_SHARE = 0.1;
const REFRESH_MAX_MS = 5 * 60_000;

export class AdminToken {
  readonly #o: AdminTokenOptions;
  #current: (IssuedAdminToken & { refreshAt: number }) | undefined;
  #pending: Promise<string> | undefined;
  /** How many tokens were fetched so far. */
  fetches = 0;

  constructor(o: AdminTokenOptions) {
    this.#o = o;
  }

  /** A token good for now, fetching a new one when none is held or the held one is about to expire. */
  get(): Promise<string> {
    const c = this.#current;
    if (c && this.#o.now() < c.refreshAt) return Promise.resolve(c.token);
    return this.#refresh();
  }

  /** Forgets `token` (the server refused it) and returns a fresh one. */
  renew(token: string): Promise<string> {
    if (this.#current?.token === token) this.#current = undefined;
    return this.get();
  }

  #refresh(): Promise<string> {
    this.#pending ??= this.#fetch().finally(() => (this.#pending = undefined));
    return this.#pending;
  }

  async #fetch(): Promise<string> {
    const issuedAt = this.#o.now();
    const { token, expiresInSeconds } = await this.#o.fetchToken();
    this.fetches++;
    const life = expiresInSeconds * 1000;
    const margin = Math.min(life * REFRESH_SHARE, REFRESH_MAX_MS);
    this.#current = { token, expiresAt: issuedAt + life, refreshAt: issuedAt + life - margin };
    return token;
  }
}
