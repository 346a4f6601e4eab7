/** /{org}/{app}/chatrooms/{id}/mute, /ban (everyone) and /announcement. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Core } from '../../core/index.js';
import { adminCaller, idList, route, sender } from '../social-rest.js';
import { TenantParams } from '../schemas.js';
import { AnnouncementBody, MuteBody } from './chatgroup-moderation.js';

const TAG = 'chatrooms';
const R = Type.Object({ ...TenantParams.properties, chatroom_id: Type.String() });
const RU = Type.Object({ ...R.properties, username: Type.String({ description: 'A user, or several: `u1,u2`.' }) });

export const chatroomModerationRoutes: FastifyPluginAsyncTypebox<{ core: Core; publicUrl?: string }> = async (
  app,
  { core, publicUrl },
) => {
  const send = sender(publicUrl);
  const md = core.chatrooms.moderation;

  app.post(
    '/:org/:app/chatrooms/:chatroom_id/mute',
    route(TAG, 'Mute members for mute_duration ms.', R, { body: MuteBody }),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      const { muted } = await md.mute(caller, {
        roomId: req.params.chatroom_id,
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
    '/:org/:app/chatrooms/:chatroom_id/mute/:username',
    route(TAG, 'Unmute members (`u1,u2`).', RU),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      const { results } = await md.unmute(caller, {
        roomId: req.params.chatroom_id,
        users: idList(req.params.username, '/username'),
      });
      return send(
        req,
        reply,
        caller.app,
        results.map((r) => ({ result: true, user: r.user })),
      );
    },
  );

  app.get(
    '/:org/:app/chatrooms/:chatroom_id/mute',
    route(TAG, 'Muted members: data [{ expire, user }].', R),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      return send(req, reply, caller.app, (await md.muteList(caller, { roomId: req.params.chatroom_id })).muted);
    },
  );

  app.post(
    '/:org/:app/chatrooms/:chatroom_id/ban',
    route(TAG, 'Mute everyone but the owner and admins.', R),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      return send(req, reply, caller.app, await md.muteAll(caller, { roomId: req.params.chatroom_id, mute: true }));
    },
  );

  app.delete(
    '/:org/:app/chatrooms/:chatroom_id/ban',
    route(TAG, 'Lift the mute of everyone.', R),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      return send(req, reply, caller.app, await md.muteAll(caller, { roomId: req.params.chatroom_id, mute: false }));
    },
  );

  app.get(
    '/:org/:app/chatrooms/:chatroom_id/announcement',
    route(TAG, 'The announcement: data { announcement }.', R),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      return send(req, reply, caller.app, await md.announcement(caller, { roomId: req.params.chatroom_id }));
    },
  );

  app.post(
    '/:org/:app/chatrooms/:chatroom_id/announcement',
    route(TAG, 'Set the announcement.', R, { body: AnnouncementBody }),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      await md.setAnnouncement(caller, { roomId: req.params.chatroom_id, announcement: req.body.announcement });
      return send(req, reply, caller.app, { id: req.params.chatroom_id, result: true });
    },
  );
};
