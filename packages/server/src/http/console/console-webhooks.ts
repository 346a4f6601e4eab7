/** Dead letters in the console: list with the app's pending and dead counts, retry, drop (docs/webhooks.md). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { TenantParams } from '../schemas.js';
import type { ConsoleApiOptions } from './console-options.js';

const hide = { hide: true } as const;
const DeadParams = Type.Object({ ...TenantParams.properties, id: Type.String() });

export const consoleWebhookRoutes: FastifyPluginAsyncTypebox<ConsoleApiOptions> = async (app, { core }) => {
  const tenant = (p: { org: string; app: string }) => core.apps.get(`${p.org}#${p.app}`);
  const dead = core.webhooks.deadLetters;

  app.get(
    '/console/api/apps/:org/:app/dead-letters',
    {
      schema: {
        ...hide,
        params: TenantParams,
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
          cursor: Type.Optional(Type.String()),
        }),
      },
    },
    async (req) => {
      const a = await tenant(req.params);
      const page = await dead.list(a, req.query.limit ?? 50, req.query.cursor);
      return { ...page, ...(await dead.counts(a)) };
    },
  );

  app.post(
    '/console/api/apps/:org/:app/dead-letters/:id/retry',
    { schema: { ...hide, params: DeadParams } },
    async (req) => {
      await dead.retry(await tenant(req.params), req.params.id);
      return { retried: req.params.id };
    },
  );

  app.delete(
    '/console/api/apps/:org/:app/dead-letters/:id',
    { schema: { ...hide, params: DeadParams } },
    async (req) => {
      await dead.drop(await tenant(req.params), req.params.id);
      return { dropped: req.params.id };
    },
  );
};
