/**
 * Group routes the Easemob / Agora Web SDKs call with the user's own token: join (apply) and quit.
 * The same core calls as the SDK ops `group.join` and `group.leave`.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Core } from '../../core/index.js';
import { memberCaller, route, sender } from '../social-rest.js';
import { TenantParams } from '../schemas.js';

const TAG = 'chatgroups';
const G = Type.Object({ ...TenantParams.properties, group_id: Type.String() });
const Apply = Type.Object({ message: Type.Optional(Type.String({ maxLength: 512 })) });

export const chatgroupSdkRoutes: FastifyPluginAsyncTypebox<{ core: Core; publicUrl?: string }> = async (
  app,
  { core, publicUrl },
) => {
  const send = sender(publicUrl);

  app.post(
    '/:org/:app/chatgroups/:group_id/apply',
    route(TAG, 'The caller joins a public group, or asks to (approval): data { result, action, status }.', G, {
      body: Type.Optional(Apply),
    }),
    async (req, reply) => {
      const caller = await memberCaller(core, req, req.params);
      const groupId = req.params.group_id;
      const message = req.body?.message;
      const r = await core.groups.membership.join(caller, { groupId, ...(message ? { message } : {}) });
      return send(req, reply, caller.app, {
        groupid: groupId,
        action: 'apply',
        result: true,
        user: caller.user,
        status: r.status,
      });
    },
  );

  app.delete(
    '/:org/:app/chatgroups/:group_id/quit',
    route(TAG, 'The caller leaves the group: data { result }.', G),
    async (req, reply) => {
      const caller = await memberCaller(core, req, req.params);
      await core.groups.membership.leave(caller, { groupId: req.params.group_id });
      return send(req, reply, caller.app, { result: true, groupid: req.params.group_id, user: caller.user });
    },
  );
};
