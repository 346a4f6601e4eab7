/**
 * GET /{org}/{app}/messages/history: the app's backend (admin token) reads any conversation's stored
 * messages, newest first, a page at a time. Easemob offers history only as hourly export files; this
 * is Pigeon's own, in Easemob's envelope.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { adminHistory, type Core } from '../../core/index.js';
import { envelope } from '../envelope.js';
import { requireAdmin, tenantOf } from '../guards.js';
import { bearerSecurity, Envelope, responses, TenantParams } from '../schemas.js';

export const messageHistoryRoutes: FastifyPluginAsyncTypebox<{
  core: Core;
  publicUrl?: string;
  historyPageMax: number;
}> = async (app, { core, publicUrl, historyPageMax }) => {
  app.get(
    '/:org/:app/messages/history',
    {
      schema: {
        summary:
          'History of one conversation, newest first: data { msgs, cursor }; pass cursor as `before` for the next page (null at the start).',
        tags: ['messages'],
        params: TenantParams,
        querystring: Type.Object({
          conv: Type.String({ description: 'Conversation key: s:<a>:<b> (names sorted), g:<groupId> or r:<roomId>.' }),
          before: Type.Optional(Type.Integer({ minimum: 1, description: 'Only messages with seq below this.' })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'Page size [20].' })),
        }),
        response: responses(Envelope),
        security: bearerSecurity,
      },
    },
    async (req, reply) => {
      const tenant = await tenantOf(core, req.params);
      await requireAdmin(core, req, tenant);
      const q = req.query;
      const page = await adminHistory(
        core.repos.messages,
        tenant,
        { conv: q.conv, limit: q.limit ?? 20, ...(q.before === undefined ? {} : { beforeSeq: q.before }) },
        historyPageMax,
      );
      return envelope(req, reply, tenant, { data: page }, publicUrl);
    },
  );
};
