/** Per-user admin actions: password, deactivate/activate, online status, forced disconnect. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Core } from '../../core/index.js';
import { envelope } from '../envelope.js';
import { requireAdmin, tenantOf } from '../guards.js';
import { bearerSecurity, Envelope, responses, UserParams } from '../schemas.js';
import { userEntity } from '../user-entity.js';

const ActionReply = Type.Object(
  { action: Type.String(), timestamp: Type.Number(), duration: Type.Number() },
  { additionalProperties: true },
);
const schema = (summary: string, ok: object = Envelope) => ({
  summary,
  tags: ['users'],
  params: UserParams,
  response: responses(ok),
  security: bearerSecurity,
});

export const userAdminRoutes: FastifyPluginAsyncTypebox<{ core: Core; publicUrl?: string }> = async (
  app,
  { core, publicUrl },
) => {
  app.put(
    '/:org/:app/users/:username/password',
    {
      schema: {
        ...schema('Set a new password; revokes the user tokens and closes its sessions.', ActionReply),
        body: Type.Object({ newpassword: Type.String({ minLength: 1, maxLength: 128 }) }),
      },
    },
    async (req, reply) => {
      const tenant = await tenantOf(core, req.params);
      await requireAdmin(core, req, tenant);
      await core.users.setPassword(tenant, req.params.username, req.body.newpassword);
      return { action: 'set user password', timestamp: Date.now(), duration: Math.round(reply.elapsedTime) };
    },
  );

  app.post(
    '/:org/:app/users/:username/deactivate',
    { schema: schema('Deactivate (ban) a user: tokens revoked, sessions closed with 4007.') },
    async (req, reply) => {
      const tenant = await tenantOf(core, req.params);
      await requireAdmin(core, req, tenant);
      const user = await core.users.setActivated(tenant, req.params.username, false);
      return envelope(req, reply, tenant, { entities: [userEntity(user)] }, publicUrl);
    },
  );

  app.post(
    '/:org/:app/users/:username/activate',
    { schema: schema('Activate a deactivated user.', ActionReply) },
    async (req, reply) => {
      const tenant = await tenantOf(core, req.params);
      await requireAdmin(core, req, tenant);
      await core.users.setActivated(tenant, req.params.username, true);
      return { action: 'activate user', timestamp: Date.now(), duration: Math.round(reply.elapsedTime) };
    },
  );

  app.get(
    '/:org/:app/users/:username/status',
    { schema: schema('Online status: data { <username>: "online" | "offline" }.') },
    async (req, reply) => {
      const tenant = await tenantOf(core, req.params);
      await requireAdmin(core, req, tenant);
      const online = await core.users.isOnline(tenant, req.params.username);
      return envelope(
        req,
        reply,
        tenant,
        { data: { [req.params.username.toLowerCase()]: online ? 'online' : 'offline' } },
        publicUrl,
      );
    },
  );

  app.get(
    '/:org/:app/users/:username/disconnect',
    { schema: schema('Force every session of the user offline (event kicked, close 4003).') },
    async (req, reply) => {
      const tenant = await tenantOf(core, req.params);
      await requireAdmin(core, req, tenant);
      await core.users.disconnect(tenant, req.params.username);
      return envelope(req, reply, tenant, { data: { result: true } }, publicUrl);
    },
  );
};
