/**
 * Server configuration: defaults, then an optional JSON file (--config / PIGEON_CONFIG), then the
 * environment, then flags or programmatic options. The result is a deeply frozen object.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_LIMITS } from '@pigeon/protocol';
import { readEnv } from './config-settings.js';
import { DEFAULT_CHATROOM_LIMITS, DEFAULT_GROUP_LIMITS } from './core/options.js';
import { DEFAULT_ABUSE, type AbuseOptions } from './core/abuse/abuse-limits.js';
import type { ChatroomLimits } from './core/chatrooms/index.js';
import type { GroupLimits } from './core/groups/index.js';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
export type Durability = 'normal' | 'full';

export interface PigeonConfig {
  host: string;
  port: number;
  dataDir: string;
  logLevel: LogLevel;
  /** Public base URL clients use (REST and, with ws/wss, the WebSocket); derived from host:port if unset. */
  publicUrl?: string;
  /** 0..1023, distinct per node of a cluster (part of message ids). */
  nodeId: number;
  /**
   * SQLite in dataDir by default; `url` postgres://... selects PostgreSQL (driver follows the URL),
   * with `poolSize` connections per node.
   */
  db: { driver: 'sqlite' | 'postgres'; durability: Durability; url?: string; poolSize: number };
  /** redis://... : cluster mode (cross-node delivery, presence, kicks); in-process bus when unset. */
  redis?: string;
  /**
   * Group commit: a send that finds the store idle commits at once; sends arriving while a commit
   * runs or the event loop is busy share the next one (at most maxSize, collected for at most windowMs).
   */
  batch: { windowMs: number; maxSize: number };
  limits: {
    maxFrameBytes: number;
    maxMessageBytes: number;
    sendsPerSecond: number;
    /** Every other op, per connection. */
    opsPerSecond: number;
    authTimeoutMs: number;
    idleTimeoutMs: number;
    /** REST request bodies. */
    maxBodyBytes: number;
    /** A connection whose unsent output exceeds this is closed (4006, slow consumer). */
    sendBufferBytes: number;
    /** Bad frames in a row before close 4005. */
    maxBadFrames: number;
    pullPageMax: number;
    historyPageMax: number;
  };
  shutdown: { goawayRetryMs: number; closeTimeoutMs: number };
  /**
   * HTTP connection timeouts against slowloris and half-open sockets: whole request headers within
   * headersTimeoutMs of connecting (a socket that sends nothing is closed then too), the whole request
   * (body included) within requestTimeoutMs, and an idle keep-alive socket closed after keepAliveTimeoutMs.
   * WebSocket connections leave these once upgraded (their own auth and idle timeouts apply).
   */
  http: { headersTimeoutMs: number; requestTimeoutMs: number; keepAliveTimeoutMs: number };
  /** Group sizes and the member cache. */
  groups: GroupLimits;
  /** Chatroom grace period after a disconnect, history buffer, sizes. */
  chatrooms: ChatroomLimits;
  /** Chat files: bytes on local disk under `<dataDir>/files`; per-app limits are app settings. */
  files: { driver: 'local'; sweepIntervalMs: number };
  /** Webhook delivery: poll interval, retry backoff, per-call timeout; built-in push providers (docs/webhooks.md). */
  webhooks: {
    pollMs: number;
    backoffBaseMs: number;
    backoffMaxMs: number;
    timeoutMs: number;
    pushProviders: Array<'log' | 'webhook'>;
    /** Loopback and private networks as webhook targets: allow (one box, a backend beside it) or deny (multi-tenant). */
    privateAddresses: 'allow' | 'deny';
  };
  /** Abuse limits shared by the cluster: failed logins, open registrations, uploads, sends per user/app. */
  abuse: AbuseOptions;
  /** App created on first start, open registration on (a development convenience). */
  defaultApp: { org: string; name: string } | null;
  /** scrypt cost N for passwords; lower only in tests. */
  passwordCost: number;
  /** The web console's platform administrator (made on first start) and its sessions. */
  console: { adminUser: string; adminPassword?: string; sessionTtlSeconds: number };
  /**
   * Named deployments clients can be pointed at: public addresses per region, shown on the console's
   * integration page. Empty: one region at publicUrl (or the address the browser used).
   */
  regions: Region[];
  /**
   * WebSocket path of the Easemob / Agora Web SDK endpoint (msync protocol), e.g. `/websocket`;
   * empty: off.
   */
  msyncPath: string;
  /** Built web console and demo (packages/web/dist); default: found next to the server package. */
  webDir?: string;
}

export interface Region {
  name: string;
  /** REST base URL, e.g. https://im.example.com */
  restUrl: string;
  /** WebSocket URL, e.g. wss://im.example.com/ws */
  wsUrl: string;
  /** Base URL of file upload and download when it differs from restUrl. */
  fileUrl?: string;
}

export type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends object | null
    ? DeepPartial<NonNullable<T[K]>> | (null extends T[K] ? null : never)
    : T[K];
};
export type ConfigInput = DeepPartial<PigeonConfig>;

export const DEFAULT_CONFIG: PigeonConfig = {
  host: '0.0.0.0',
  port: 5280,
  dataDir: './data',
  logLevel: 'info',
  nodeId: 0,
  db: { driver: 'sqlite', durability: 'normal', poolSize: 10 },
  batch: { windowMs: 2, maxSize: 256 },
  limits: {
    maxFrameBytes: DEFAULT_LIMITS.maxFrameBytes,
    maxMessageBytes: DEFAULT_LIMITS.maxMessageBytes,
    sendsPerSecond: DEFAULT_LIMITS.sendsPerSecond,
    opsPerSecond: 200,
    authTimeoutMs: DEFAULT_LIMITS.authTimeoutMs,
    idleTimeoutMs: DEFAULT_LIMITS.idleTimeoutMs,
    maxBodyBytes: 1024 * 1024,
    sendBufferBytes: 4 * 1024 * 1024,
    maxBadFrames: 20,
    pullPageMax: DEFAULT_LIMITS.pullPageMax,
    historyPageMax: DEFAULT_LIMITS.historyPageMax,
  },
  shutdown: { goawayRetryMs: 1000, closeTimeoutMs: 3000 },
  http: { headersTimeoutMs: 20_000, requestTimeoutMs: 300_000, keepAliveTimeoutMs: 72_000 },
  groups: { ...DEFAULT_GROUP_LIMITS },
  chatrooms: { ...DEFAULT_CHATROOM_LIMITS },
  files: { driver: 'local', sweepIntervalMs: 3_600_000 },
  webhooks: {
    pollMs: 1000,
    backoffBaseMs: 5000,
    backoffMaxMs: 3_600_000,
    timeoutMs: 10_000,
    pushProviders: ['webhook'],
    privateAddresses: 'allow',
  },
  abuse: DEFAULT_ABUSE,
  defaultApp: { org: 'pigeon', name: 'demo' },
  passwordCost: 16_384,
  console: { adminUser: 'admin', sessionTtlSeconds: 8 * 3600 },
  regions: [],
  msyncPath: '/websocket',
};

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function merge<T>(base: T, patch: unknown): T {
  if (!isPlainObject(patch) || !isPlainObject(base)) return (patch === undefined ? base : patch) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) if (v !== undefined) out[k] = merge(out[k], v);
  return out as T;
}

function deepFreeze<T>(o: T): T {
  if (isPlainObject(o)) for (const v of Object.values(o)) deepFreeze(v);
  return Object.freeze(o);
}

export function readConfigFile(file: string): ConfigInput {
  try {
    return JSON.parse(readFileSync(resolve(file), 'utf8')) as ConfigInput;
  } catch (e) {
    throw new Error(`Cannot read config file ${file}: ${(e as Error).message}`, { cause: e });
  }
}

export interface ConfigSources {
  /** Flags or programmatic options: the highest priority. */
  options?: ConfigInput;
  /** Environment variables (the CLI passes process.env; programmatic callers usually do not). */
  env?: Record<string, string | undefined>;
  configFile?: string;
}

export function loadConfig(src: ConfigSources = {}): Readonly<PigeonConfig> {
  const file = src.configFile ?? src.env?.PIGEON_CONFIG;
  let config = merge(DEFAULT_CONFIG, file ? readConfigFile(file) : {});
  if (src.env) config = merge(config, readEnv(src.env));
  config = merge(config, src.options ?? {});
  if (config.db.url) config = { ...config, db: { ...config.db, driver: driverFor(config.db.url) } };
  validate(config);
  return deepFreeze(config);
}

function driverFor(url: string): PigeonConfig['db']['driver'] {
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgres';
  throw new Error(`Invalid configuration: db "${url}" (postgres://user:pass@host:5432/db, or unset for SQLite)`);
}

function validate(c: PigeonConfig): void {
  const fail = (what: string) => {
    throw new Error(`Invalid configuration: ${what}`);
  };
  if (!Number.isInteger(c.port) || c.port < 0 || c.port > 65535) fail(`port ${c.port}`);
  if (!Number.isInteger(c.nodeId) || c.nodeId < 0 || c.nodeId > 1023) fail(`nodeId ${c.nodeId} (0..1023)`);
  if (!['normal', 'full'].includes(c.db.durability)) fail(`db.durability "${c.db.durability}" (normal|full)`);
  if (!Number.isInteger(c.db.poolSize) || c.db.poolSize < 1) fail(`db.poolSize ${c.db.poolSize} (>= 1)`);
  if (c.redis !== undefined && !/^rediss?:\/\//.test(c.redis)) fail(`redis "${c.redis}" (redis://host:6379)`);
  if (!(c.batch.windowMs >= 0) || !(c.batch.maxSize >= 1)) fail('batch.windowMs >= 0 and batch.maxSize >= 1');
  if (!(c.console.sessionTtlSeconds > 0)) fail('console.sessionTtlSeconds > 0');
  for (const [k, v] of Object.entries(c.http)) if (!(typeof v === 'number' && v > 0)) fail(`http.${k} = ${String(v)}`);
  if (c.http.headersTimeoutMs > c.http.requestTimeoutMs) fail('http.headersTimeoutMs <= http.requestTimeoutMs');
  if (!Array.isArray(c.regions)) fail('regions must be an array of { name, restUrl, wsUrl }');
  for (const r of c.regions)
    if (!r || !r.name || !/^https?:\/\//.test(r.restUrl) || !/^wss?:\/\//.test(r.wsUrl))
      fail(`regions: ${JSON.stringify(r)} (name, restUrl http(s)://…, wsUrl ws(s)://…)`);
  for (const section of ['limits', 'groups', 'chatrooms'] as const)
    for (const [k, v] of Object.entries(c[section]))
      if (!(typeof v === 'number' && v >= 0)) fail(`${section}.${k} = ${String(v)}`);
  for (const [k, v] of Object.entries(c.limits)) if (!(v > 0)) fail(`limits.${k} = ${String(v)}`);
  if (c.msyncPath !== '' && (!c.msyncPath.startsWith('/') || c.msyncPath === '/ws'))
    fail(`msyncPath "${c.msyncPath}" (a path like /websocket, not /ws; empty to turn it off)`);
  if (c.files.driver !== 'local') fail(`files.driver "${String(c.files.driver)}" (local)`);
  if (!(c.files.sweepIntervalMs > 0)) fail(`files.sweepIntervalMs = ${c.files.sweepIntervalMs}`);
  for (const k of ['pollMs', 'backoffBaseMs', 'backoffMaxMs', 'timeoutMs'] as const)
    if (!(c.webhooks[k] > 0)) fail(`webhooks.${k} = ${c.webhooks[k]}`);
  if (!Array.isArray(c.webhooks.pushProviders) || c.webhooks.pushProviders.some((p) => !['log', 'webhook'].includes(p)))
    fail('webhooks.pushProviders: a list of log, webhook');
  if (!['allow', 'deny'].includes(c.webhooks.privateAddresses))
    fail(`webhooks.privateAddresses "${String(c.webhooks.privateAddresses)}" (allow or deny)`);
  for (const [k, v] of Object.entries(c.limits))
    if (!(typeof v === 'number' && v > 0)) fail(`limits.${k} = ${String(v)}`);
}
