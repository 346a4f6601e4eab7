/**
 * The web console's own API under /console/api (not part of the public REST API, hidden from the
 * OpenAPI document): sign-in, apps, users, message log and live figures for the platform admin.
 */
import cookie from '@fastify/cookie';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { consoleAppRoutes } from './console-apps.js';
import type { ConsoleApiOptions } from './console-options.js';
import { checkOrigin, requireConsoleSession } from './console-guard.js';
import { consoleLiveRoutes } from './console-live.js';
import { consoleSessionRoutes } from './console-session.js';
import { consoleSocialRoutes } from './console-social.js';
import { consoleUserRoutes } from './console-users.js';
import { consoleWebhookRoutes } from './console-webhooks.js';

const OPEN_ROUTES = new Set(['/console/api/login', '/console/api/logout']);

export const consoleApi: FastifyPluginAsyncTypebox<ConsoleApiOptions> = async (app, o) => {
  await app.register(cookie);
  app.addHook('onRequest', async (req, reply) => {
    void reply.header('cache-control', 'no-store');
    checkOrigin(req, o.publicUrl);
  });
  // Before body validation: a caller without a session learns nothing about a route's body shape.
  app.addHook('preValidation', async (req) => {
    if (!OPEN_ROUTES.has(req.routeOptions.url ?? '')) await requireConsoleSession(o.core, req);
  });
  await app.register(consoleSessionRoutes, o);
  await app.register(consoleAppRoutes, o);
  await app.register(consoleUserRoutes, o);
  await app.register(consoleLiveRoutes, o);
  await app.register(consoleSocialRoutes, o);
  await app.register(consoleWebhookRoutes, o);
};
