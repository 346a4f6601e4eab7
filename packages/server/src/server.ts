/**
 * startServer: opens the store, wires the core, REST and the WebSocket gateway onto one HTTP port,
 * makes sure the default app exists, and returns a handle that stops everything gracefully.
 */
import type { Logger } from 'pino';
import { openBlobs } from './blob/open-blobs.js';
import { openBus } from './bus/open-bus.js';
import { openRateCounter } from './bus/open-rate-counter.js';
import { loadConfig, type ConfigInput, type PigeonConfig } from './config.js';
import { createCore, type AppSettingsInput, type Core } from './core/index.js';
import type { App } from './core/types.js';
import type { PushProvider } from './core/ports/webhooks.js';
import { attachGateway, WS_PATH, type UpgradeRoute } from './gateway/attach-gateway.js';
import { lazyMsyncGateway } from './gateway/msync/lazy-msync.js';
import { buildHttp, registeredRoutes, type RegisteredRoute } from './http/build-http.js';
import { defaultRegions } from './http/console/regions.js';
import { createLogger } from './logger.js';
import { images } from './media/images.js';
import { storageHealth } from './storage-health.js';
import { openStore } from './store/open-store.js';
import { ensureDefaultApp } from './default-app.js';
import { httpTransport } from './webhooks/http-transport.js';

export interface StartOptions extends ConfigInput {
  /** JSON config file, below env and options in priority. */
  configFile?: string;
  /** Environment to read settings from; none by default (the CLI passes process.env). */
  env?: Record<string, string | undefined>;
  /** A ready logger instead of one built from logLevel. */
  logger?: Logger;
  /** Offline push adapters (APNs, FCM, a vendor) next to the configured built-in ones. */
  pushProviders?: PushProvider[];
}

export interface AppCredentials {
  appKey: string;
  org: string;
  name: string;
  clientId: string;
  clientSecret: string;
}

export interface PigeonServer {
  readonly config: Readonly<PigeonConfig>;
  /** REST base URL, e.g. http://127.0.0.1:5280 (the public URL when one is configured). */
  readonly httpUrl: string;
  /** WebSocket URL, e.g. ws://127.0.0.1:5280/ws. */
  readonly wsUrl: string;
  /** WebSocket URL for the Easemob / Agora Web SDKs (msync), e.g. ws://127.0.0.1:5280/websocket; null when off. */
  readonly msyncUrl: string | null;
  readonly port: number;
  /** The default app (pigeon#demo unless configured otherwise); `created` when this start made it. */
  readonly defaultApp: (AppCredentials & { created: boolean }) | null;
  /** Internals for tests, the bench and the console: services and repositories. */
  readonly core: Core;
  createApp(input: {
    org: string;
    name: string;
    settings?: AppSettingsInput;
  }): Promise<AppCredentials & { settings: App['settings'] }>;
  updateAppSettings(appKey: string, settings: AppSettingsInput): Promise<App['settings']>;
  /** Makes two users friends, both ways (as REST POST .../contacts/users/{friend} does). */
  addFriendship(appKey: string, a: string, b: string): Promise<void>;
  /** The web console: its URL, administrator name, and the password generated on this start (print it once). */
  readonly console: { url: string; demoUrl: string; adminUser: string; generatedPassword?: string };
  /** Configured regions (name, public REST and WebSocket addresses), for the console and clients. */
  readonly regions: PigeonConfig['regions'];
  /** Every HTTP route as registered (method, path, schemas), hidden console routes included: for tests. */
  routes(): readonly RegisteredRoute[];
  /** Group-commit counters and live connections. */
  stats(): { batches: number; messages: number; largestBatch: number; connections: number };
  stop(): Promise<void>;
}

const credentials = (a: App): AppCredentials => ({
  appKey: a.appKey,
  org: a.org,
  name: a.name,
  clientId: a.clientId,
  clientSecret: a.clientSecret,
});

function localUrl(host: string, port: number): string {
  const h =
    host === '0.0.0.0' || host === '' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;
  return `http://${h}:${port}`;
}

export async function startServer(options: StartOptions = {}): Promise<PigeonServer> {
  const { configFile, env, logger: given, pushProviders, ...input } = options;
  const config = loadConfig({ options: input, env, configFile });
  const logger = given ?? createLogger(config.logLevel);
  const storage = storageHealth(config.dataDir);
  const store = await openStore({
    health: storage,
    driver: config.db.driver,
    dataDir: config.dataDir,
    durability: config.db.durability,
    url: config.db.url,
    poolSize: config.db.poolSize,
    onError: (err) => logger.warn({ err }, 'database connection lost'),
  });
  let bus;
  try {
    bus = await openBus(config.redis, (err) => logger.warn({ err }, 'redis connection lost'));
  } catch (e) {
    await store.close();
    throw e;
  }
  const rateCounter = await openRateCounter(config.redis, (err) => logger.warn({ err }, 'redis (rate limits) lost'));
  const core = createCore({
    repos: store.repos,
    bus,
    rateCounter,
    logger,
    blobs: openBlobs({ driver: config.files.driver, dataDir: config.dataDir, health: storage }),
    images,
    webhookTransport: httpTransport({ privateAddresses: config.webhooks.privateAddresses }),
    pushProviders,
    options: {
      nodeId: config.nodeId,
      batch: config.batch,
      limits: config.limits,
      passwordCost: config.passwordCost,
      groups: config.groups,
      chatrooms: config.chatrooms,
      webhooks: config.webhooks,
      abuse: config.abuse,
    },
  });
  await core.chatrooms.live.synced; // a node joining a cluster knows who is in each chatroom first
  const defaultApp = await ensureDefaultApp(core, config.defaultApp);
  const admin = await core.console.ensureAdmin(config.console.adminUser, config.console.adminPassword);
  let ready = false;
  let draining = false;
  const http = await buildHttp({
    core,
    logger,
    maxBodyBytes: config.limits.maxBodyBytes,
    timeouts: config.http,
    publicUrl: config.publicUrl,
    isReady: () => ready,
    msyncPath: config.msyncPath,
    storage: () => storage.state(),
    console: {
      sessionTtlSeconds: config.console.sessionTtlSeconds,
      historyPageMax: config.limits.historyPageMax,
      regions: (requestBase) => (config.regions.length ? config.regions : defaultRegions(requestBase)),
      webDir: config.webDir,
    },
  });
  const msync = config.msyncPath
    ? lazyMsyncGateway({
        core,
        logger,
        path: config.msyncPath,
        maxFrameBytes: config.limits.maxFrameBytes,
        authTimeoutMs: config.limits.authTimeoutMs,
      })
    : undefined;
  const routes = new Map<string, UpgradeRoute>(msync ? [[msync.path, msync.handleUpgrade]] : []);
  const gateway = attachGateway(
    http.server,
    {
      core,
      limits: config.limits,
      closeTimeoutMs: config.shutdown.closeTimeoutMs,
      logger,
      isDraining: () => draining,
    },
    routes,
  );
  try {
    await http.listen({ port: config.port, host: config.host });
  } catch (e) {
    await bus.close();
    await store.close();
    throw e;
  }
  const port = (http.server.address() as { port: number }).port;
  const httpUrl = (config.publicUrl ?? localUrl(config.host, port)).replace(/\/+$/, '');
  ready = true;
  core.webhooks.dispatcher.start();
  const sweeper = setInterval(
    () => void core.files.sweep().catch((err: unknown) => logger.error({ err }, 'file sweep failed')),
    config.files.sweepIntervalMs,
  ).unref();
  logger.info({ url: httpUrl, dataDir: config.dataDir }, 'pigeon ready');

  let stopping: Promise<void> | undefined;
  const stop = async () => {
    ready = false;
    draining = true;
    clearInterval(sweeper);
    gateway.stopAccepting();
    await core.flush(); // every accepted send is committed and acked before sockets close
    msync?.closeAll(1001, 'server shutting down');
    await gateway.goaway('server shutting down', config.shutdown.goawayRetryMs);
    await http.close();
    await rateCounter.close();
    await bus.close();
    await store.close();
    logger.info({}, 'pigeon stopped');
  };

  return {
    config,
    httpUrl,
    wsUrl: `${httpUrl.replace(/^http/, 'ws')}${WS_PATH}`,
    msyncUrl: msync ? `${httpUrl.replace(/^http/, 'ws')}${msync.path}` : null,
    port,
    regions: config.regions,
    defaultApp: defaultApp && { ...credentials(defaultApp.app), created: defaultApp.created },
    core,
    console: {
      url: `${httpUrl}/console/`,
      demoUrl: `${httpUrl}/demo/`,
      adminUser: config.console.adminUser,
      ...(admin.generated ? { generatedPassword: admin.generated } : {}),
    },
    async createApp(i) {
      const app = await core.apps.create(i);
      return { ...credentials(app), settings: app.settings };
    },
    async updateAppSettings(appKey, settings) {
      return (await core.apps.updateSettings(appKey, settings)).settings;
    },
    async addFriendship(appKey, a, b) {
      await core.contacts.bind({ app: await core.apps.get(appKey), user: a.toLowerCase() }, b);
    },
    routes: () => registeredRoutes(http),
    stats() {
      const s = core.sender.batcher.stats;
      return {
        batches: s.batches,
        messages: s.items,
        largestBatch: s.largestBatch,
        connections: gateway.connections.size + (msync?.sessions.size ?? 0),
      };
    },
    stop: () => (stopping ??= stop()),
  };
}
