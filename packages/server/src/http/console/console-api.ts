/**
 * The web console's own API under /console/api (not part of the public REST API, hidden from the
 * OpenAPI document): sign-in, apps, users, message log and live figures for the platform admin.
 */
import cookie from '@fastify/cookie';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Region } from '../../config.js';
import type { Core } from '../../core/index.js';
import { consoleAppRoutes } from './console-apps.js';
import { checkOrigin, requireConsoleSession } from './console-guard.js';
import { consoleLiveRoutes } from './console-live.js';
import { consoleSessionRoutes } from './console-session.js';
import { consoleUserRoutes } from './console-users.js';

export interface ConsoleApiOptions {
  core: Core;
  publicUrl?: string;
  sessionTtlSeconds: number;
  /** Configured regions, or one at `requestBase` (publicUrl, else the address the browser used). */
  regions(requestBase: string): Region[];
  historyPageMax: number;
}

const OPEN_ROUTES = new Set(['/console/api/login', '/console/api/logout']);

export const consoleApi: FastifyPluginAsyncTypebox<ConsoleApiOptions> = async (app, o) => {
  await app.register(cookie);
  app.addHook('onRequest', async (req, reply) => {
    void reply.header('cache-control', 'no-store');
    checkOrigin(req);
  });
  app.addHook('preHandler', async (req) => {
    if (!OPEN_ROUTES.has(req.routeOptions.url ?? '')) await requireConsoleSession(o.core, req);
  });
  await app.register(consoleSessionRoutes, o);
  await app.register(consoleAppRoutes, o);
  await app.register(consoleUserRoutes, o);
  await app.register(consoleLiveRoutes, o);
};
