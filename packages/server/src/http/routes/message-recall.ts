/** POST /{org}/{app}/messages/msg_recall: the app's backend recalls a 1:1 or group message (Easemob body shape). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PigeonError, groupKey, singleKey } from '@pigeon/protocol';
import { Type } from '@sinclair/typebox';
import { normalizeUsername, type Core } from '../../core/index.js';
import { envelope } from '../envelope.js';
import { requireAdmin, tenantOf } from '../guards.js';
import { bearerSecurity, Envelope, responses, TenantParams } from '../schemas.js';

const RecallBody = Type.Object({
  msg_id: Type.String({ minLength: 1 }),
  to: Type.String({ description: 'The other user of the 1:1 conversation, or the group id (groupchat).' }),
  from: Type.Optional(Type.String({ description: 'The sender; default "admin".' })),
  chat_type: Type.Optional(Type.Union([Type.Literal('chat'), Type.Literal('groupchat'), Type.Literal('chatroom')])),
  force: Type.Optional(Type.Boolean({ description: 'Recall even after the recall window.' })),
});

export const messageRecallRoutes: FastifyPluginAsyncTypebox<{ core: Core; publicUrl?: string }> = async (
  app,
  { core, publicUrl },
) => {
  app.post(
    '/:org/:app/messages/msg_recall',
    {
      schema: {
        summary: 'Recall a message as the app admin; members get the recall event. `force` ignores the recall window.',
        tags: ['messages'],
        params: TenantParams,
        body: RecallBody,
        response: responses(Envelope),
        security: bearerSecurity,
      },
    },
    async (req, reply) => {
      const tenant = await tenantOf(core, req.params);
      await requireAdmin(core, req, tenant);
      const b = req.body;
      const chattype = b.chat_type ?? 'chat';
      if (chattype === 'chatroom')
        throw new PigeonError(
          'CONVERSATION_NOT_FOUND',
          'Chatroom messages live only in a recent buffer; their sender recalls them.',
        );
      const from = normalizeUsername(b.from ?? 'admin', '/from');
      const conv = chattype === 'groupchat' ? groupKey(b.to) : singleKey(from, normalizeUsername(b.to, '/to'));
      const msg = await core.messages.adminRecall(tenant, conv, b.msg_id, b.force ?? false);
      const data = { recalled: 'yes', chattype, from: msg.from, to: msg.to, msg_id: msg.id };
      return envelope(req, reply, tenant, { data }, publicUrl);
    },
  );
};
