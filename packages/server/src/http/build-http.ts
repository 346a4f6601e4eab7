/** The Fastify instance: validation by TypeBox, Easemob envelopes for errors, one plugin per resource. */
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Core } from '../core/index.js';
import { installCors } from './cors.js';
import { frameworkErrors, installErrorHandlers } from './errors.js';
import { installBodyGuards } from './body-guards.js';
import { installQueryRepeats } from './query-repeats.js';
import { lazySchemaController, lazyValidatorCompiler } from './lazy-compilers.js';
import { chatgroupMemberRoutes } from './routes/chatgroup-members.js';
import { allowlistRoutes } from './routes/allowlists.js';
import { chatgroupModerationRoutes, chatroomModerationRoutes } from './routes/moderation-routes.js';
import { messageRoamingRoutes } from './routes/message-roaming.js';
import { userChannelRoutes } from './routes/user-channels.js';
import { contactRequestRoutes } from './routes/contact-requests.js';
import { chatgroupSdkRoutes } from './routes/chatgroup-sdk.js';
import { chatgroupRoutes } from './routes/chatgroups.js';
import { chatroomMemberRoutes } from './routes/chatroom-members.js';
import { chatroomRoutes } from './routes/chatrooms.js';
import { chatfileRoutes } from './routes/chatfiles.js';
import { contactRoutes } from './routes/contacts.js';
import { docsRoutes } from './routes/docs.js';
import type { StorageState } from '../storage-health.js';
import { clientErrorHandler } from './client-errors.js';
import { healthRoutes } from './routes/health.js';
import { messageRecallRoutes } from './routes/message-recall.js';
import { messageRoutes } from './routes/messages.js';
import { socialMessageRoutes } from './routes/social-messages.js';
import { presenceRoutes } from './routes/presence.js';
import { tokenRoutes } from './routes/tokens.js';
import { userAdminRoutes } from './routes/user-admin.js';
import { userMetadataRoutes } from './routes/user-metadata.js';
import { userRoutes } from './routes/users.js';
import { messageHistoryRoutes } from './routes/message-history.js';
import { webStaticRoutes } from './routes/web-static.js';
import { webhookRoutes } from './routes/webhooks.js';
import { easemobDnsRoutes } from './routes/easemob-dns.js';
import { regionRoutes } from './routes/regions.js';
import { consoleApi } from './console/console-api.js';
import type { ConsoleApiOptions } from './console/console-options.js';

export interface HttpOptions {
  core: Core;
  logger: FastifyBaseLogger;
  maxBodyBytes: number;
  /** Slowloris and half-open sockets: see PigeonConfig.http. */
  timeouts?: { headersTimeoutMs: number; requestTimeoutMs: number; keepAliveTimeoutMs: number };
  publicUrl?: string;
  isReady(): boolean;
  /** Path of the Easemob-compatible socket ('' when off), for the regions clients are given. */
  msyncPath?: string;
  /** Whether the data directory takes writes (reported by /health). */
  storage?(): StorageState;
  /** The web console's API and the built console and demo pages. */
  console: Omit<ConsoleApiOptions, 'core' | 'publicUrl'> & { webDir?: string };
}

/**
 * Node checks header and request deadlines on a timer (every 30 s by default): checking at a quarter
 * of the header deadline closes a slow or silent socket soon after its deadline, not up to 30 s late.
 */
function httpTimeouts(t: HttpOptions['timeouts']) {
  if (!t) return {};
  return {
    requestTimeout: t.requestTimeoutMs,
    keepAliveTimeout: t.keepAliveTimeoutMs,
    http: {
      headersTimeout: t.headersTimeoutMs,
      connectionsCheckingInterval: Math.max(100, Math.min(5_000, Math.floor(t.headersTimeoutMs / 4))),
    },
  };
}

/** A route as Fastify registered it (console routes included, which the OpenAPI document hides). */
export interface RegisteredRoute {
  method: string;
  /** Fastify path, e.g. /console/api/apps/:org/:app. */
  url: string;
  /** The route's JSON schemas (body, querystring, params), when it declares them. */
  schema?: { body?: unknown; querystring?: unknown; params?: unknown };
}

const REGISTERED = new WeakMap<FastifyInstance, RegisteredRoute[]>();

/** Every route of a server built by buildHttp, in registration order (HEAD twins left out). */
export const registeredRoutes = (app: FastifyInstance): readonly RegisteredRoute[] => REGISTERED.get(app) ?? [];

export async function buildHttp(o: HttpOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: o.logger,
    bodyLimit: o.maxBodyBytes,
    ...httpTimeouts(o.timeouts),
    clientErrorHandler,
    logController: new LogController({ disableRequestLogging: true }),
    forceCloseConnections: true,
    frameworkErrors,
    routerOptions: { ignoreTrailingSlash: true },
    schemaController: lazySchemaController(),
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(lazyValidatorCompiler);
  const routes: RegisteredRoute[] = [];
  REGISTERED.set(app, routes);
  app.addHook('onRoute', (r) => {
    const { body, querystring, params } = (r.schema ?? {}) as RegisteredRoute['schema'] & object;
    for (const method of [r.method].flat())
      if (method !== 'HEAD') routes.push({ method, url: r.url, schema: { body, querystring, params } });
  });
  installErrorHandlers(app);
  installCors(app);
  installBodyGuards(app);
  installQueryRepeats(app);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Pigeon REST API',
        version: '1',
        description:
          'Easemob-compatible paths and envelopes. Errors carry Pigeon codes (docs/errors.md). ' +
          'A query parameter given more than once (the mini-program and uni-app SDK builds send each one twice) ' +
          'counts once when every copy has the same value; different values for a field that takes one value ' +
          'are a 400 BAD_REQUEST with details.path /querystring/<field>; array fields keep every value.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
  });
  const core = o.core;
  await app.register(healthRoutes, { isReady: o.isReady, storage: o.storage });
  await app.register(docsRoutes);
  await app.register(tokenRoutes, { core });
  await app.register(userRoutes, { core, publicUrl: o.publicUrl });
  await app.register(userAdminRoutes, { core, publicUrl: o.publicUrl });
  await app.register(messageRoutes, { core, publicUrl: o.publicUrl });
  await app.register(chatfileRoutes, { core, publicUrl: o.publicUrl });
  await app.register(messageRecallRoutes, { core, publicUrl: o.publicUrl });
  await app.register(contactRoutes, { core, publicUrl: o.publicUrl });
  await app.register(contactRequestRoutes, { core, publicUrl: o.publicUrl });
  await app.register(messageRoamingRoutes, { core, publicUrl: o.publicUrl });
  await app.register(userChannelRoutes, { core, publicUrl: o.publicUrl });
  await app.register(userMetadataRoutes, { core });
  await app.register(presenceRoutes, { core });
  const regions = { core, publicUrl: o.publicUrl, regions: o.console.regions, msyncPath: o.msyncPath ?? '' };
  for (const plugin of [regionRoutes, easemobDnsRoutes]) await app.register(plugin, regions);
  // The Easemob Web SDK sends Content-Type: application/json with no body (DELETE, some POSTs): no body
  // then, rather than an empty-JSON error; routes that need a body still say so through their schema.
  app.addHook('onRequest', async (req) => {
    const empty = !req.headers['content-length'] || req.headers['content-length'] === '0';
    if (empty && !req.headers['transfer-encoding']) delete req.headers['content-type'];
  });
  for (const plugin of [
    chatgroupRoutes,
    chatgroupSdkRoutes,
    chatgroupMemberRoutes,
    chatgroupModerationRoutes,
    chatroomRoutes,
    chatroomMemberRoutes,
    chatroomModerationRoutes,
    socialMessageRoutes,
    allowlistRoutes,
    webhookRoutes,
  ])
    await app.register(plugin, { core, publicUrl: o.publicUrl });
  await app.register(messageHistoryRoutes, {
    core,
    publicUrl: o.publicUrl,
    historyPageMax: o.console.historyPageMax,
  });
  await app.register(consoleApi, { ...o.console, core, publicUrl: o.publicUrl });
  await app.register(webStaticRoutes, { webDir: o.console.webDir });
  return app;
}
