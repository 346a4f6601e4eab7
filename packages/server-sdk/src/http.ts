/** JSON over fetch to one app's REST API, with the admin token; every failure becomes a PigeonAdminError. */
import type { AdminToken } from './admin-token.js';
import { PigeonAdminError } from './errors.js';

export type Query = Record<string, string | number | boolean | undefined>;

export interface CallOptions {
  body?: unknown;
  query?: Query;
  /** Send without the admin token (the token request itself). */
  anonymous?: boolean;
}

export interface HttpOptions {
  /** Base URL of the app: `https://host/org/app`. */
  appUrl: string;
  fetch: typeof fetch;
  token: AdminToken | undefined;
}

const withQuery = (url: string, q: Query | undefined): string => {
  const pairs = Object.entries(q ?? {}).filter(([, v]) => v !== undefined);
  return pairs.length ? `${url}?${new URLSearchParams(pairs.map(([k, v]): [string, string] => [k, String(v)]))}` : url;
};

export class AdminHttp {
  readonly #o: HttpOptions;

  constructor(o: HttpOptions) {
    this.#o = o;
  }

  /** Calls `METHOD /org/app{path}`; on a 401 with a stale admin token, fetches a new one and tries once more. */
  async call<T = Record<string, unknown>>(method: string, path: string, o: CallOptions = {}): Promise<T> {
    const token = o.anonymous || !this.#o.token ? undefined : await this.#o.token.get();
    const res = await this.#send(method, path, o, token);
    if (res.status === 401 && token && this.#o.token) {
      return this.#parse<T>(await this.#send(method, path, o, await this.#o.token.renew(token)), method, path);
    }
    return this.#parse<T>(res, method, path);
  }

  async #send(method: string, path: string, o: CallOptions, token: string | undefined): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (o.body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    try {
      return await this.#o.fetch(withQuery(`${this.#o.appUrl}${path}`, o.query), {
        method,
        headers,
        ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
      });
    } catch (e) {
      throw new PigeonAdminError('NETWORK', `${method} ${path}: ${e instanceof Error ? e.message : String(e)}`, {
        status: 0,
        request: `${method} ${path}`,
        cause: e,
      });
    }
  }

  async #parse<T>(res: Response, method: string, path: string): Promise<T> {
    const text = await res.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      body = { error_description: `${method} ${path}: HTTP ${res.status}, not JSON: ${text.slice(0, 200)}` };
    }
    if (!res.ok) throw PigeonAdminError.fromResponse(res.status, `${method} ${path}`, body);
    return body as T;
  }
}
