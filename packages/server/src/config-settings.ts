/** The settings a person sets by flag or environment variable: one table feeds parsing and `--help`. */

export interface Setting {
  /** Settings without a flag are read from the environment only (secrets stay out of `ps`). */
  flag?: string;
  env?: string;
  /** Dotted path in PigeonConfig. */
  path: string;
  kind: 'string' | 'number' | 'json';
  help: string;
}

export const SETTINGS: readonly Setting[] = [
  {
    flag: 'port',
    env: 'PORT',
    path: 'port',
    kind: 'number',
    help: 'HTTP and WebSocket port (0 = any free port) [5280]',
  },
  { flag: 'host', env: 'PIGEON_HOST', path: 'host', kind: 'string', help: 'interface to listen on [0.0.0.0]' },
  {
    flag: 'data',
    env: 'PIGEON_DATA_DIR',
    path: 'dataDir',
    kind: 'string',
    help: 'data directory (SQLite database) [./data]',
  },
  {
    flag: 'log-level',
    env: 'PIGEON_LOG_LEVEL',
    path: 'logLevel',
    kind: 'string',
    help: 'fatal|error|warn|info|debug|trace|silent [info]',
  },
  {
    flag: 'msync-path',
    env: 'PIGEON_MSYNC_PATH',
    path: 'msyncPath',
    kind: 'string',
    help: 'WebSocket path for apps on the Easemob / Agora Web SDKs; empty turns it off [/websocket]',
  },
  {
    flag: 'public-url',
    env: 'PIGEON_PUBLIC_URL',
    path: 'publicUrl',
    kind: 'string',
    help: 'base URL clients reach this server at (for printed URLs)',
  },
  {
    flag: 'durability',
    env: 'PIGEON_DB_DURABILITY',
    path: 'db.durability',
    kind: 'string',
    help: 'normal (survives kill -9) | full (also power loss) [normal]',
  },
  {
    flag: 'db',
    env: 'PIGEON_DB',
    path: 'db.url',
    kind: 'string',
    help: 'postgres://user:pass@host:5432/db for PostgreSQL (cluster mode) [SQLite in the data dir]',
  },
  {
    flag: 'db-pool',
    env: 'PIGEON_DB_POOL',
    path: 'db.poolSize',
    kind: 'number',
    help: 'PostgreSQL connections per node [10]',
  },
  {
    flag: 'redis',
    env: 'PIGEON_REDIS',
    path: 'redis',
    kind: 'string',
    help: 'redis://host:6379: nodes share delivery, presence and kicks through Redis [none: one node]',
  },
  {
    flag: 'node-id',
    env: 'PIGEON_NODE_ID',
    path: 'nodeId',
    kind: 'number',
    help: 'node number 0..1023 in a cluster [0]',
  },
  {
    flag: 'batch-window-ms',
    env: 'PIGEON_BATCH_WINDOW_MS',
    path: 'batch.windowMs',
    kind: 'number',
    help: 'group-commit cap in ms: while busy, a batch collects for at most this long (a lone send never waits) [2]',
  },
  {
    flag: 'batch-max',
    env: 'PIGEON_BATCH_MAX',
    path: 'batch.maxSize',
    kind: 'number',
    help: 'most messages per commit [256]',
  },
  {
    flag: 'idle-timeout-ms',
    env: 'PIGEON_IDLE_TIMEOUT_MS',
    path: 'limits.idleTimeoutMs',
    kind: 'number',
    help: 'close silent connections after this [90000]',
  },
  {
    flag: 'auth-timeout-ms',
    env: 'PIGEON_AUTH_TIMEOUT_MS',
    path: 'limits.authTimeoutMs',
    kind: 'number',
    help: 'close connections not authenticated by then [10000]',
  },
  {
    flag: 'headers-timeout-ms',
    env: 'PIGEON_HEADERS_TIMEOUT_MS',
    path: 'http.headersTimeoutMs',
    kind: 'number',
    help: 'close HTTP connections whose request headers are not complete by then [20000]',
  },
  {
    flag: 'request-timeout-ms',
    env: 'PIGEON_REQUEST_TIMEOUT_MS',
    path: 'http.requestTimeoutMs',
    kind: 'number',
    help: 'close HTTP requests (uploads included) not received whole by then [300000]',
  },
  {
    flag: 'max-frame-bytes',
    env: 'PIGEON_MAX_FRAME_BYTES',
    path: 'limits.maxFrameBytes',
    kind: 'number',
    help: 'largest WebSocket frame [65536]',
  },
  {
    flag: 'max-message-bytes',
    env: 'PIGEON_MAX_MESSAGE_BYTES',
    path: 'limits.maxMessageBytes',
    kind: 'number',
    help: 'largest message body + ext [32768]',
  },
  {
    flag: 'chatroom-grace-ms',
    env: 'PIGEON_CHATROOM_GRACE_MS',
    path: 'chatrooms.graceMs',
    kind: 'number',
    help: 'a disconnected user leaves their chatrooms after this [30000]',
  },
  {
    flag: 'sends-per-second',
    env: 'PIGEON_SENDS_PER_SECOND',
    path: 'limits.sendsPerSecond',
    kind: 'number',
    help: 'msg.send rate per connection [50]',
  },
  {
    flag: 'web-dir',
    env: 'PIGEON_WEB_DIR',
    path: 'webDir',
    kind: 'string',
    help: 'built web console and demo [packages/web/dist]',
  },
  {
    flag: 'admin-user',
    env: 'PIGEON_ADMIN_USER',
    path: 'console.adminUser',
    kind: 'string',
    help: 'name of the web console administrator [admin]',
  },
  {
    env: 'PIGEON_ADMIN_PASSWORD',
    path: 'console.adminPassword',
    kind: 'string',
    help: 'console administrator password (else generated and printed once; set it to reset)',
  },
  {
    env: 'PIGEON_REGIONS',
    path: 'regions',
    kind: 'json',
    help: 'JSON [{"name","restUrl","wsUrl","fileUrl"?}] public addresses per region',
  },
  {
    flag: 'webhook-private-addresses',
    env: 'PIGEON_WEBHOOK_PRIVATE_ADDRESSES',
    path: 'webhooks.privateAddresses',
    kind: 'string',
    help: 'webhooks to loopback/private networks: allow or deny (deny on multi-tenant clouds) [allow]',
  },
  {
    flag: 'file-sweep-ms',
    env: 'PIGEON_FILE_SWEEP_MS',
    path: 'files.sweepIntervalMs',
    kind: 'number',
    help: 'how often unreferenced uploads past their grace period are deleted [3600000]',
  },
];

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
  node[keys[keys.length - 1]!] = value;
}

function convert(s: Setting, raw: string, source: string): unknown {
  if (s.kind === 'string') return raw;
  if (s.kind === 'json') {
    try {
      return JSON.parse(raw) as unknown;
    } catch (e) {
      throw new Error(`${source} must be JSON: ${(e as Error).message}`, { cause: e });
    }
  }
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n)) throw new Error(`${source} must be a number, got "${raw}"`);
  return n;
}

/** A partial PigeonConfig, as nested plain objects (config.ts types it; importing it here would be a cycle). */
export type PartialConfig = Record<string, unknown>;

/** Builds a partial config from values keyed by flag name (as node:util parseArgs returns them). */
export function readFlags(values: Record<string, unknown>): PartialConfig {
  const out: Record<string, unknown> = {};
  for (const s of SETTINGS) {
    const v = s.flag ? values[s.flag] : undefined;
    if (typeof v === 'string') setPath(out, s.path, convert(s, v, `--${s.flag}`));
  }
  return out;
}

export function readEnv(env: Record<string, string | undefined>): PartialConfig {
  const out: Record<string, unknown> = {};
  for (const s of SETTINGS) {
    const v = s.env ? env[s.env] : undefined;
    if (v !== undefined && v !== '') setPath(out, s.path, convert(s, v, s.env!));
  }
  return out;
}
