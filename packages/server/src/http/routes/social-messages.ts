/**
 * POST /{org}/{app}/messages/chatgroups and /messages/chatrooms: the app's backend sends to groups
 * and rooms through the same core path as SDK sends (a group message is stored once, pushed to its
 * members; a room message broadcast to those present). data maps each target id to the message id.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MESSAGE_TYPES, type ChatType } from '@pigeon/protocol';
import { Type } from '@sinclair/typebox';
import type { Core } from '../../core/index.js';
import { normalizeUsername, uuid } from '../../core/index.js';
import { fromEasemobBody } from '../easemob-body.js';
import { adminCaller, route, sender } from '../social-rest.js';
import { TenantParams } from '../schemas.js';

const SendBody = Type.Object({
  from: Type.Optional(Type.String({ description: 'Sender user name; default "admin".' })),
  to: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 100 }),
  type: Type.Union(MESSAGE_TYPES.map((t) => Type.Literal(t))),
  body: Type.Record(Type.String(), Type.Unknown(), { description: 'Easemob body, e.g. txt { msg }, or Pigeon body.' }),
  ext: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  msgConfig: Type.Optional(Type.Object({ allowGroupAck: Type.Optional(Type.Boolean()) })),
});

export const socialMessageRoutes: FastifyPluginAsyncTypebox<{ core: Core; publicUrl?: string }> = async (
  app,
  { core, publicUrl },
) => {
  const send = sender(publicUrl);
  const paths: Array<[string, ChatType]> = [
    ['chatgroups', 'group'],
    ['chatrooms', 'room'],
  ];
  for (const [path, chat] of paths) {
    app.post(
      `/:org/:app/messages/${path}`,
      route(
        'messages',
        `Send to ${path} as any user (or "admin"); data maps each id to the message id.`,
        TenantParams,
        { body: SendBody },
      ),
      async (req, reply) => {
        const caller = await adminCaller(core, req, req.params);
        const from = normalizeUsername(req.body.from ?? 'admin', '/from');
        const body = fromEasemobBody(req.body.type, req.body.body);
        const to = [...new Set(req.body.to)];
        const acks = await Promise.all(
          to.map((id) => {
            const msg = {
              type: req.body.type,
              body,
              cid: `rest-${uuid()}`,
              chat,
              to: id,
              ...(req.body.ext ? { ext: req.body.ext } : {}),
              ...(req.body.msgConfig?.allowGroupAck && chat === 'group' ? { groupAck: true } : {}),
            };
            return core.sender.send({ app: caller.app, user: from, admin: true }, msg, {
              trusted: true,
              pathPrefix: '',
            });
          }),
        );
        return send(req, reply, caller.app, Object.fromEntries(to.map((id, i) => [id, acks[i]!.id])));
      },
    );
  }
};
