/** /{org}/{app}/chatgroups/{id}/mute, /ban (everyone) and /announcement. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Core } from '../../core/index.js';
import { adminCaller, idList, route, sender } from '../social-rest.js';
import { TenantParams } from '../schemas.js';

const TAG = 'chatgroups';
const G = Type.Object({ ...TenantParams.properties, group_id: Type.String() });
const GU = Type.Object({ ...G.properties, username: Type.String({ description: 'A user, or several: `u1,u2`.' }) });
export const MuteBody = Type.Object({
  usernames: Type.Array(Type.String(), { minItems: 1, maxItems: 500 }),
  mute_duration: Type.Integer({ minimum: -1, description: 'ms; -1 until unmuted.' }),
});
export const AnnouncementBody = Type.Object({ announcement: Type.String({ maxLength: 4096 }) });

export const chatgroupModerationRoutes: FastifyPluginAsyncTypebox<{ core: Core; publicUrl?: string }> = async (
  app,
  { core, publicUrl },
) => {
  const send = sender(publicUrl);
  const m = core.groups.moderation;

  app.post(
    '/:org/:app/chatgroups/:group_id/mute',
    route(TAG, 'Mute members for mute_duration ms: data [{ result, expire, user }].', G, { body: MuteBody }),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      const { muted } = await m.mute(caller, {
        groupId: req.params.group_id,
        users: req.body.usernames,
        durationMs: req.body.mute_duration,
      });
      return send(
        req,
        reply,
        caller.app,
        muted.map((e) => ({ result: true, expire: e.expire, user: e.user })),
      );
    },
  );

  app.delete(
    '/:org/:app/chatgroups/:group_id/mute/:username',
    route(TAG, 'Unmute members (`u1,u2`).', GU),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      const { results } = await m.unmute(caller, {
        groupId: req.params.group_id,
        users: idList(req.params.username, '/username'),
      });
      return send(
        req,
        reply,
        caller.app,
        results.map((r) => ({ result: r.result, user: r.user })),
      );
    },
  );

  app.get(
    '/:org/:app/chatgroups/:group_id/mute',
    route(TAG, 'Muted members: data [{ expire, user }].', G),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      const { muted } = await m.muteList(caller, { groupId: req.params.group_id });
      return send(req, reply, caller.app, muted);
    },
  );

  app.post(
    '/:org/:app/chatgroups/:group_id/ban',
    route(TAG, 'Mute everyone but the owner and admins.', G),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      return send(req, reply, caller.app, await m.muteAll(caller, { groupId: req.params.group_id, mute: true }));
    },
  );

  app.delete('/:org/:app/chatgroups/:group_id/ban', route(TAG, 'Lift the mute of everyone.', G), async (req, reply) => {
    const caller = await adminCaller(core, req, req.params);
    return send(req, reply, caller.app, await m.muteAll(caller, { groupId: req.params.group_id, mute: false }));
  });

  app.get(
    '/:org/:app/chatgroups/:group_id/announcement',
    route(TAG, 'The announcement: data { announcement }.', G),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      return send(req, reply, caller.app, await m.announcement(caller, { groupId: req.params.group_id }));
    },
  );

  app.post(
    '/:org/:app/chatgroups/:group_id/announcement',
    route(TAG, 'Set the announcement (empty deletes it).', G, { body: AnnouncementBody }),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      await m.setAnnouncement(caller, { groupId: req.params.group_id, announcement: req.body.announcement });
      return send(req, reply, caller.app, { id: req.params.group_id, result: true });
    },
  );
};
