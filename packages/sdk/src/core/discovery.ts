/**
 * `discoveryUrl`: at each open() the SDK asks a Pigeon server for the app's regions
 * (GET {discoveryUrl}/{org}/{app}/regions, no token) and uses their addresses, in the order given,
 * as its failover list, as if they had been passed as `url` and `apiUrl` lists. A server that
 * answers with an error (an unknown app) fails open() with that typed error; one that cannot be
 * reached leaves the list as it was (the last regions learnt, or `url`, or the discovery server).
 */
import { PigeonError } from '@pigeon/protocol';
import type { Endpoint } from './endpoints.js';
import { restError } from './rest.js';
import type { PlatformAdapter } from './platform.js';

export interface Discovery {
  adapter: PlatformAdapter;
  discoveryUrl: string;
  org: string;
  app: string;
  timeoutMs: number;
}

/** The regions' endpoints; undefined when the discovery server cannot be reached. */
export async function discoverEndpoints(d: Discovery): Promise<Endpoint[] | undefined> {
  const base = d.discoveryUrl.replace(/\/+$/, '');
  let res;
  try {
    res = await d.adapter.request({
      url: `${base}/${encodeURIComponent(d.org)}/${encodeURIComponent(d.app)}/regions`,
      method: 'GET',
      timeoutMs: d.timeoutMs,
    });
  } catch {
    return undefined;
  }
  const body = (res.data && typeof res.data === 'object' ? res.data : {}) as Record<string, unknown>;
  if (res.status === 503) return undefined;
  if (res.status < 200 || res.status >= 300) throw restError(res.status, body);
  const list = (Array.isArray(body.data) ? body.data : []) as Array<{ restUrl?: unknown; wsUrl?: unknown }>;
  const endpoints = list.filter((r) => typeof r.wsUrl === 'string' && typeof r.restUrl === 'string');
  if (!endpoints.length) throw new PigeonError('INTERNAL', `No regions at ${base}`);
  return endpoints.map((r) => ({ url: r.wsUrl as string, apiUrl: (r.restUrl as string).replace(/\/+$/, '') }));
}

/** Puts the discovered regions in place of `endpoints`' list (kept when the server cannot be reached). */
export async function discover(
  o: { discoveryUrl?: string; org: string; app: string; requestTimeout: number },
  adapter: PlatformAdapter,
  endpoints: { replace(list: readonly Endpoint[]): void },
): Promise<void> {
  const discoveryUrl = o.discoveryUrl!;
  const found = await discoverEndpoints({ adapter, discoveryUrl, org: o.org, app: o.app, timeoutMs: o.requestTimeout });
  if (found) endpoints.replace(found);
}
