/** The few REST calls the SDK makes itself (Easemob paths and bodies): user token, registration. */
import { ErrorCatalogue, PigeonError, type ErrorName } from '@pigeon/protocol';
import { asPigeon } from './errors.js';
import type { HttpRequest, PlatformAdapter } from './platform.js';

export interface TokenGrant {
  accessToken: string;
  /** Seconds. */
  expiresIn?: number;
}

export interface RegisterUserResult {
  type: 0;
  entities: Record<string, unknown>[];
  data: Record<string, unknown>;
}

/** The REST addresses to use, in turn: the connection's endpoints. */
export interface ApiAddresses {
  readonly size: number;
  apiUrl(): string;
  advance(): void;
}

export class Rest {
  readonly #adapter: PlatformAdapter;
  readonly #addresses: ApiAddresses;
  readonly #path: string;
  readonly #timeoutMs: number;

  constructor(adapter: PlatformAdapter, addresses: ApiAddresses, org: string, app: string, timeoutMs: number) {
    this.#adapter = adapter;
    this.#addresses = addresses;
    this.#path = `/${encodeURIComponent(org)}/${encodeURIComponent(app)}`;
    this.#timeoutMs = timeoutMs;
  }

  async token(username: string, password: string): Promise<TokenGrant> {
    const data = await this.#call('POST', '/token', { grant_type: 'password', username, password });
    if (typeof data.access_token !== 'string') throw new PigeonError('INTERNAL', 'Token response without access_token');
    return {
      accessToken: data.access_token,
      expiresIn: typeof data.expires_in === 'number' ? data.expires_in : undefined,
    };
  }

  async registerUser(username: string, password: string, nickname?: string): Promise<RegisterUserResult> {
    const body = nickname === undefined ? { username, password } : { username, password, nickname };
    const data = await this.#call('POST', '/users', body);
    return {
      type: 0,
      entities: Array.isArray(data.entities) ? (data.entities as Record<string, unknown>[]) : [],
      data,
    };
  }

  /** A node that cannot be reached (or says 503) is skipped: the next address is tried, each once. */
  async #call(method: HttpRequest['method'], path: string, body?: unknown): Promise<Record<string, unknown>> {
    for (let left = this.#addresses.size; ; left--) {
      let res;
      try {
        res = await this.#adapter.request({
          url: this.#addresses.apiUrl() + this.#path + path,
          method,
          body,
          timeoutMs: this.#timeoutMs,
          headers: { 'content-type': 'application/json' },
        });
      } catch (e) {
        if (left <= 1) throw asPigeon(e);
        this.#addresses.advance();
        continue;
      }
      if (res.status === 503 && left > 1) this.#addresses.advance();
      else return readBody(res.status, res.data);
    }
  }
}

function readBody(status: number, body: unknown): Record<string, unknown> {
  const data = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  if (status >= 200 && status < 300) return data;
  throw restError(status, data);
}

/** Reads an error body: Pigeon's `name`/`code` when present, else Easemob's `error` string and the status. */
export function restError(status: number, body: Record<string, unknown>): PigeonError {
  const names = Object.keys(ErrorCatalogue) as ErrorName[];
  const byName = names.find((n) => n === body.name);
  const byCode = names.find((n) => typeof body.code === 'number' && ErrorCatalogue[n].code === body.code);
  const byRest = names.find((n) => ErrorCatalogue[n].rest === body.error && ErrorCatalogue[n].http === status);
  const type = byName ?? byCode ?? byRest ?? fallback(status);
  const message =
    typeof body.error_description === 'string'
      ? body.error_description
      : typeof body.message === 'string'
        ? body.message
        : undefined;
  const retryAfterMs = typeof body.retryAfterMs === 'number' ? body.retryAfterMs : undefined;
  const extra = body.details && typeof body.details === 'object' ? (body.details as Record<string, unknown>) : {};
  return new PigeonError(type, message, { retryAfterMs, details: { ...extra, status, error: body.error } });
}

function fallback(status: number): ErrorName {
  if (status === 401) return 'TOKEN_INVALID';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 413) return 'FRAME_TOO_LARGE';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 503) return 'UNAVAILABLE';
  return status >= 500 ? 'INTERNAL' : 'BAD_REQUEST';
}
