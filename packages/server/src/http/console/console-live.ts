/** Live figures (connections, committed messages), the message log of a conversation, and moderation recall. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { adminHistory } from '../../core/index.js';
import { TenantParams } from '../schemas.js';
import type { ConsoleApiOptions } from './console-options.js';

const hide = { hide: true } as const;

export const consoleLiveRoutes: FastifyPluginAsyncTypebox<ConsoleApiOptions> = async (app, o) => {
  const { core } = o;

  app.get('/console/api/stats', { schema: hide }, async () => {
    const sessions = core.hub.sessions();
    const byApp: Record<string, number> = {};
    for (const s of sessions) byApp[s.appId] = (byApp[s.appId] ?? 0) + 1;
    const apps = await core.apps.list();
    return {
      ts: core.clock.now(),
      connections: sessions.length,
      /** Messages committed since the server started: the console turns two readings into a rate. */
      messages: core.sender.batcher.stats.items,
      apps: apps.map((a) => ({ appKey: a.appKey, connections: byApp[a.id] ?? 0 })),
    };
  });

  app.get(
    '/console/api/apps/:org/:app/messages',
    {
      schema: {
        ...hide,
        params: TenantParams,
        querystring: Type.Object({
          conv: Type.String({ minLength: 3, maxLength: 200 }),
          before: Type.Optional(Type.Integer({ minimum: 1 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
        }),
      },
    },
    async (req) => {
      const a = await core.apps.get(`${req.params.org}#${req.params.app}`);
      const q = req.query;
      return adminHistory(
        core.repos.messages,
        a,
        { conv: q.conv, limit: q.limit ?? 30, ...(q.before === undefined ? {} : { beforeSeq: q.before }) },
        o.historyPageMax,
      );
    },
  );

  app.post(
    '/console/api/apps/:org/:app/messages/recall',
    {
      schema: {
        ...hide,
        params: TenantParams,
        body: Type.Object({ conv: Type.String({ minLength: 3, maxLength: 200 }), id: Type.String({ minLength: 1 }) }),
      },
    },
    async (req) => {
      const a = await core.apps.get(`${req.params.org}#${req.params.app}`);
      // The platform administrator moderates: past the app's recall window too.
      const msg = await core.messages.adminRecall(a, req.body.conv, req.body.id, true);
      req.log.info({ appKey: a.appKey, conv: req.body.conv, id: msg.id }, 'console: message recalled');
      return { id: msg.id, recalled: true };
    },
  );
};
