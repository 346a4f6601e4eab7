/** The Fastify instance: validation by TypeBox, Easemob envelopes for errors, one plugin per resource. */
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Core } from '../core/index.js';
import { installCors } from './cors.js';
import { frameworkErrors, installErrorHandlers } from './errors.js';
import { installBodyGuards } from './body-guards.js';
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
  publicUrl?: string;
  isReady(): boolean;
  /** Path of the Easemob-compatible socket ('' when off), for the regions clients are given. */
  msyncPath?: string;
  /** The web console's API and the built console and demo pages. */
  console: Omit<ConsoleApiOptions, 'core' | 'publicUrl'> & { webDir?: string };
}

export async function buildHttp(o: HttpOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: o.logger,
    bodyLimit: o.maxBodyBytes,
    logController: new LogController({ disableRequestLogging: true }),
    forceCloseConnections: true,
    frameworkErrors,
    routerOptions: { ignoreTrailingSlash: true },
    schemaController: lazySchemaController(),
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(lazyValidatorCompiler);
  installErrorHandlers(app);
  installCors(app);
  installBodyGuards(app);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Pigeon REST API',
        version: '1',
        description: 'Easemob-compatible paths and envelopes. Errors carry Pigeon codes (docs/errors.md).',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
  });
  const core = o.core;
  await app.register(healthRoutes, { isReady: o.isReady });
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
