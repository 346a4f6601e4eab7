/** Connection options: Easemob's names, validated once and frozen. */
import type { Platform as PlatformName } from '@pigeon/protocol';
import { resolveEndpoints, type Endpoint } from './endpoints.js';
import { invalid } from './errors.js';
import type { PlatformAdapter } from './platform.js';

export interface ConnectionOptions {
  /** `org#app`. */
  appKey: string;
  /**
   * WebSocket URL of the gateway, e.g. `wss://im.example.com/ws`; or a list of nodes or regions in
   * order of preference: when one cannot be reached the connection moves to the next, with backoff.
   */
  url?: string | readonly string[];
  /**
   * A Pigeon server to ask for the app's regions at each open(): their addresses become the
   * failover list (`url` then only serves while none was learnt). Default: none.
   */
  discoveryUrl?: string;
  /**
   * REST base URL, e.g. `https://im.example.com`: one for all, or one per `url` entry (a list).
   * Default: derived from each `url`.
   */
  apiUrl?: string | readonly string[];
  /** Heartbeat interval in ms (default 30000); two silent intervals mean the socket is dead. */
  heartBeatWait?: number;
  /** Reconnect attempts in a row before giving up with RECONNECT_EXHAUSTED (default 10). */
  autoReconnectNumMax?: number;
  /** Ceiling of the first reconnect delay in ms; doubles per attempt, with full jitter (default 1000). */
  autoReconnectInterval?: number;
  /** Highest reconnect delay ceiling in ms (default 30000). */
  autoReconnectMaxDelay?: number;
  /** Send delivery receipts for received 1:1 messages (default false). */
  delivery?: boolean;
  /** Stable device id; default: one per install (isFixedDeviceId) or one per connection. */
  deviceId?: string;
  /** Default true: every connection in this app/page shares one device id, kept in storage. */
  isFixedDeviceId?: boolean;
  /** Media messages carry a URL the app uploaded itself (Pigeon's only mode until file upload lands). */
  useOwnUploadFun?: boolean;
  /** An adapter, or a platform name from this build; default: detected. */
  platform?: PlatformAdapter | PlatformName;
  /** Reply timeout for each request, ms (default 10000). */
  requestTimeout?: number;
  /** How long a send may wait for a connection before failing with OUTBOX_TIMEOUT, ms (default 60000). */
  outboxTimeout?: number;
  /** How long close() waits for the platform's close callback, ms (default 3000). */
  closeTimeout?: number;
  /** Conversations whose positions and local cache entries are kept (and persisted), most recent first (default 1000). */
  maxStoredConversations?: number;
  /**
   * Also keep `localCache` (last message and unread count per conversation) in the platform's
   * key-value storage, so a restarted app shows its list at once (default false: memory only).
   */
  persistLocalCache?: boolean;
  /** Most bytes (UTF-8 JSON) the persisted local cache may take; the least recent conversations go first (default 262144). */
  localCacheMaxBytes?: number;
}

export interface ResolvedOptions {
  readonly appKey: string;
  readonly org: string;
  readonly app: string;
  /** The first endpoint's addresses. */
  readonly url: string;
  readonly apiUrl: string;
  readonly endpoints: readonly Endpoint[];
  readonly discoveryUrl: string | undefined;
  readonly heartBeatWait: number;
  readonly autoReconnectNumMax: number;
  readonly autoReconnectInterval: number;
  readonly autoReconnectMaxDelay: number;
  readonly delivery: boolean;
  readonly deviceId: string | undefined;
  readonly isFixedDeviceId: boolean;
  readonly useOwnUploadFun: boolean;
  readonly requestTimeout: number;
  readonly outboxTimeout: number;
  readonly closeTimeout: number;
  readonly maxStoredConversations: number;
  readonly persistLocalCache: boolean;
  readonly localCacheMaxBytes: number;
}

export const DEFAULTS = Object.freeze({
  heartBeatWait: 30_000,
  autoReconnectNumMax: 10,
  autoReconnectInterval: 1_000,
  autoReconnectMaxDelay: 30_000,
  requestTimeout: 10_000,
  outboxTimeout: 60_000,
  closeTimeout: 3_000,
  maxStoredConversations: 1_000,
  localCacheMaxBytes: 256 * 1024,
});

type NumberOption = keyof typeof DEFAULTS;

function num(o: ConnectionOptions, key: NumberOption, min: number): number {
  const v = o[key] ?? DEFAULTS[key];
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min) {
    throw invalid(`Option ${key} must be a number >= ${min}`, { field: key });
  }
  return v;
}

export function resolveOptions(o: ConnectionOptions): ResolvedOptions {
  if (!o || typeof o !== 'object') throw invalid('Connection options are required');
  const [org, app, extra] = typeof o.appKey === 'string' ? o.appKey.split('#') : [];
  if (!org || !app || extra !== undefined) throw invalid('Option appKey must look like "org#app"', { field: 'appKey' });
  const discoveryUrl = checkDiscoveryUrl(o.discoveryUrl);
  const endpoints = resolveEndpoints(o.url ?? discoveryUrl?.replace(/^http/i, 'ws').concat('/ws'), o.apiUrl);
  if (o.deviceId !== undefined && (typeof o.deviceId !== 'string' || !o.deviceId)) {
    throw invalid('Option deviceId must be a non-empty string', { field: 'deviceId' });
  }
  return Object.freeze({
    appKey: o.appKey,
    org,
    app,
    url: endpoints[0].url,
    apiUrl: endpoints[0].apiUrl,
    endpoints,
    discoveryUrl,
    heartBeatWait: num(o, 'heartBeatWait', 10),
    autoReconnectNumMax: num(o, 'autoReconnectNumMax', 0),
    autoReconnectInterval: num(o, 'autoReconnectInterval', 1),
    autoReconnectMaxDelay: num(o, 'autoReconnectMaxDelay', 1),
    delivery: o.delivery === true,
    deviceId: o.deviceId,
    isFixedDeviceId: o.isFixedDeviceId !== false,
    useOwnUploadFun: o.useOwnUploadFun === true,
    requestTimeout: num(o, 'requestTimeout', 1),
    outboxTimeout: num(o, 'outboxTimeout', 1),
    closeTimeout: num(o, 'closeTimeout', 0),
    maxStoredConversations: num(o, 'maxStoredConversations', 1),
    persistLocalCache: o.persistLocalCache === true,
    localCacheMaxBytes: num(o, 'localCacheMaxBytes', 2),
  });
}

function checkDiscoveryUrl(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !/^https?:\/\/[^/]/i.test(v))
    throw invalid('Option discoveryUrl must be an http(s) URL', { field: 'discoveryUrl' });
  return v.replace(/\/+$/, '');
}
