/**
 * The server addresses a connection may use, in order of preference: `url` (and `apiUrl`) given as
 * lists. Nodes are stateless, so any address serves any user; when one cannot be reached the
 * connection moves to the next (wrapping around), and REST calls follow the socket to the same node.
 */
import { invalid } from './errors.js';

export interface Endpoint {
  /** WebSocket URL. */
  readonly url: string;
  /** REST base URL, without a trailing slash. */
  readonly apiUrl: string;
}

export class Endpoints {
  #list: readonly Endpoint[];
  #i = 0;

  constructor(list: readonly Endpoint[]) {
    this.#list = list;
  }

  get size(): number {
    return this.#list.length;
  }

  url(): string {
    return this.#list[this.#i].url;
  }

  apiUrl(): string {
    return this.#list[this.#i].apiUrl;
  }

  /** A new list (regions discovered at open()): its first address from now on. */
  replace(list: readonly Endpoint[]): void {
    this.#list = list;
    this.#i = 0;
  }

  /** The current address failed: use the next one from now on. */
  advance(): void {
    this.#i = (this.#i + 1) % this.#list.length;
  }
}

/** `ws://host:port/ws` -> `http://host:port`. */
export function deriveApiUrl(url: string): string {
  const m = /^ws(s?):\/\/([^/?#]+)/i.exec(url);
  if (!m) throw invalid('Option url must be a ws:// or wss:// URL', { field: 'url' });
  return `http${m[1].toLowerCase()}://${m[2]}`;
}

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);

/**
 * Pairs `url` with `apiUrl`: one apiUrl per url, one apiUrl for all (a REST load balancer), or
 * none (derived from each url).
 */
export function resolveEndpoints(url: unknown, apiUrl: unknown): Endpoint[] {
  const urls = list(url);
  if (!urls.length || urls.some((u) => typeof u !== 'string')) {
    throw invalid('Option url (the WebSocket URL, or a list of them) is required', { field: 'url' });
  }
  const apis = apiUrl === undefined ? [] : list(apiUrl);
  if (apis.length > 1 && apis.length !== urls.length) {
    throw invalid('Option apiUrl must be one URL or one per url', { field: 'apiUrl' });
  }
  return (urls as string[]).map((u, i) => {
    const derived = deriveApiUrl(u);
    const a = apis.length ? apis[apis.length > 1 ? i : 0] : derived;
    if (typeof a !== 'string' || !/^https?:\/\//i.test(a)) {
      throw invalid('Option apiUrl must be an http(s) URL', { field: 'apiUrl' });
    }
    return { url: u, apiUrl: a.replace(/\/+$/, '') };
  });
}
