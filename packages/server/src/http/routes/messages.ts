/**
 * POST /{org}/{app}/messages/users: the app's backend sends 1:1 messages (Easemob body shape). They go
 * through the same core path as WebSocket sends: validated, committed, pushed to every device.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MESSAGE_TYPES, PigeonError } from '@pigeon/protocol';
import { Type } from '@sinclair/typebox';
import type { Core } from '../../core/index.js';
import { normalizeUsername, uuid } from '../../core/index.js';
import { fromEasemobBody } from '../easemob-body.js';
import { envelope } from '../envelope.js';
import { requireAdmin, tenantOf } from '../guards.js';
import { bearerSecurity, Envelope, responses, TenantParams } from '../schemas.js';

const MAX_RECIPIENTS = 600;
const SendBody = Type.Object({
  from: Type.Optional(Type.String({ description: 'Sender user name; default "admin".' })),
  to: Type.Array(Type.String(), { minItems: 1, maxItems: MAX_RECIPIENTS }),
  type: Type.Union(MESSAGE_TYPES.map((t) => Type.Literal(t))),
  body: Type.Record(Type.String(), Type.Unknown(), {
    description: 'Easemob body, e.g. txt { msg }, or Pigeon body, e.g. txt { text }.',
  }),
  ext: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  sync_device: Type.Optional(
    Type.Boolean({ description: "Accepted for compatibility: the sender's devices always get the message." }),
  ),
});

export const messageRoutes: FastifyPluginAsyncTypebox<{ core: Core; publicUrl?: string }> = async (
  app,
  { core, publicUrl },
) => {
  app.post(
    '/:org/:app/messages/users',
    {
      schema: {
        summary: 'Send a message to users as any user (or "admin"); data maps each recipient to the message id.',
        tags: ['messages'],
        params: TenantParams,
        body: SendBody,
        response: responses(Envelope),
        security: bearerSecurity,
      },
    },
    async (req, reply) => {
      const tenant = await tenantOf(core, req.params);
      await requireAdmin(core, req, tenant);
      const from = normalizeUsername(req.body.from ?? 'admin', '/from');
      const to = [...new Set(req.body.to.map((u, i) => normalizeUsername(u, `/to/${i}`)))];
      const existing = await core.repos.users.existing(tenant.id, to);
      const missing = to.filter((u) => !existing.includes(u));
      if (missing.length)
        throw new PigeonError('USER_NOT_FOUND', `No user ${missing.join(', ')}.`, {
          details: { path: '/to', users: missing },
        });
      const body = fromEasemobBody(req.body.type, req.body.body);
      // All recipients at once: they share group commits instead of waiting for one each.
      const acks = await Promise.all(
        to.map((user) => {
          const msg = {
            type: req.body.type,
            body,
            cid: `rest-${uuid()}`,
            chat: 'single',
            to: user,
            ...(req.body.ext ? { ext: req.body.ext } : {}),
          };
          return core.sender.send({ app: tenant, user: from }, msg, { trusted: true, pathPrefix: '' });
        }),
      );
      return envelope(req, reply, tenant, { data: Object.fromEntries(to.map((u, i) => [u, acks[i]!.id])) }, publicUrl);
    },
  );
};
