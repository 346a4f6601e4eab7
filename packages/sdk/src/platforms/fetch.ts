/** HttpRequest over the WHATWG fetch API (browsers, Node >= 18). Shared by the web and node adapters. */
import { PigeonError } from '@pigeon/protocol';
import type { HttpRequest, HttpResponse } from '../core/platform.js';

interface FetchResponseLike {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: unknown },
) => Promise<FetchResponseLike>;

interface AbortControllerLike {
  readonly signal: unknown;
  abort(): void;
}

interface Globals {
  AbortController?: new () => AbortControllerLike;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(h: unknown): void;
}

export function fetchRequest(fetchFn: FetchLike): (req: HttpRequest) => Promise<HttpResponse> {
  return async (req) => {
    const g = globalThis as unknown as Globals;
    const ctl = g.AbortController ? new g.AbortController() : undefined;
    const timer = req.timeoutMs && ctl ? g.setTimeout(() => ctl.abort(), req.timeoutMs) : undefined;
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
    if (req.body !== undefined) headers['content-type'] ??= 'application/json';
    try {
      const body = req.body === undefined ? undefined : JSON.stringify(req.body);
      const res = await fetchFn(req.url, { method: req.method, headers, body, signal: ctl?.signal });
      const text = await res.text();
      return { status: res.status, data: parse(text, res.headers.get('content-type')) };
    } catch (e) {
      const aborted = e instanceof Error && e.name === 'AbortError';
      throw new PigeonError(
        aborted ? 'TIMEOUT' : 'NETWORK',
        aborted ? `No response within ${req.timeoutMs} ms` : `Request failed: ${String(e)}`,
        { cause: e },
      );
    } finally {
      if (timer !== undefined) g.clearTimeout(timer);
    }
  };
}

function parse(text: string, type: string | null): unknown {
  if (!text) return undefined;
  if (type?.includes('json') || /^\s*[[{]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}
