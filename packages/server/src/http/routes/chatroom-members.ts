/** /{org}/{app}/chatrooms/{id}: users, admin, blocks/users, mute, ban (everyone), announcement. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { UserResult } from '@pigeon/protocol';
import { Type } from '@sinclair/typebox';
import type { Core } from '../../core/index.js';
import { normalizeUsername } from '../../core/index.js';
import { existingUsers } from '../../core/social/users.js';
import { adminCaller, idList, Paging, route, sender, Usernames } from '../social-rest.js';
import { TenantParams } from '../schemas.js';
import { AnnouncementBody, MuteBody } from './chatgroup-moderation.js';

const TAG = 'chatrooms';
const R = Type.Object({ ...TenantParams.properties, chatroom_id: Type.String() });
const RU = Type.Object({ ...R.properties, username: Type.String({ description: 'A user, or several: `u1,u2`.' }) });

const perUser = (segment: string, results: UserResult[], id: string, action: string) => {
  const out = results.map((r) => ({
    result: r.result,
    action,
    user: r.user,
    id,
    ...(r.reason ? { reason: r.reason } : {}),
  }));
  return segment.includes(',') ? out : out[0];
};

export const chatroomMemberRoutes: FastifyPluginAsyncTypebox<{ core: Core; publicUrl?: string }> = async (
  app,
  { core, publicUrl },
) => {
  const send = sender(publicUrl);
  const { membership: ms, moderation: md } = core.chatrooms;

  app.get(
    '/:org/:app/chatrooms/:chatroom_id/users',
    route(TAG, 'Members present, paged: data [{ owner } | { member }].', R, { querystring: Paging }),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      const r = await ms.members(caller, {
        roomId: req.params.chatroom_id,
        pageNum: req.query.pagenum,
        pageSize: req.query.pagesize ?? 1000,
      });
      const data = [{ owner: r.owner }, ...r.members.filter((u) => u !== r.owner).map((member) => ({ member }))];
      return send(req, reply, caller.app, data, { count: r.total });
    },
  );

  app.post(
    '/:org/:app/chatrooms/:chatroom_id/users/:username',
    route(TAG, 'Put a user in the room (an offline one leaves after the grace period).', RU),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      const users = await existingUsers(core.repos.users, caller, [req.params.username], '/username');
      await ms.add(caller, req.params.chatroom_id, users);
      return send(req, reply, caller.app, {
        result: true,
        action: 'add_member',
        id: req.params.chatroom_id,
        user: users[0],
      });
    },
  );

  app.post(
    '/:org/:app/chatrooms/:chatroom_id/users',
    route(TAG, 'Put users in the room: data { newmembers }.', R, { body: Usernames }),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      const users = await existingUsers(core.repos.users, caller, req.body.usernames, '/usernames');
      const newmembers = await ms.add(caller, req.params.chatroom_id, users);
      return send(req, reply, caller.app, { newmembers, action: 'add_member', id: req.params.chatroom_id });
    },
  );

  app.delete(
    '/:org/:app/chatrooms/:chatroom_id/users/:username',
    route(TAG, 'Remove (kick) members (`u1,u2`).', RU),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      const { results } = await ms.remove(caller, {
        roomId: req.params.chatroom_id,
        users: idList(req.params.username, '/username'),
      });
      return send(
        req,
        reply,
        caller.app,
        perUser(req.params.username, results, req.params.chatroom_id, 'remove_member'),
      );
    },
  );

  app.get('/:org/:app/chatrooms/:chatroom_id/admin', route(TAG, 'Admins: data [user].', R), async (req, reply) => {
    const caller = await adminCaller(core, req, req.params);
    const { admins } = await md.admins(caller, { roomId: req.params.chatroom_id });
    return send(req, reply, caller.app, admins, { count: admins.length });
  });

  app.post(
    '/:org/:app/chatrooms/:chatroom_id/admin',
    route(TAG, 'Make a member admin.', R, { body: Type.Object({ newadmin: Type.String() }) }),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      await md.setAdmin(caller, { roomId: req.params.chatroom_id, user: req.body.newadmin });
      return send(req, reply, caller.app, {
        result: 'success',
        newadmin: normalizeUsername(req.body.newadmin, '/newadmin'),
      });
    },
  );

  app.delete(
    '/:org/:app/chatrooms/:chatroom_id/admin/:username',
    route(TAG, 'Revoke an admin.', RU),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      await md.removeAdmin(caller, { roomId: req.params.chatroom_id, user: req.params.username });
      return send(req, reply, caller.app, { result: 'success', oldadmin: normalizeUsername(req.params.username) });
    },
  );

  app.get(
    '/:org/:app/chatrooms/:chatroom_id/blocks/users',
    route(TAG, 'The block list: data [user].', R),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      const { users } = await ms.blocklist(caller, { roomId: req.params.chatroom_id });
      return send(req, reply, caller.app, users, { count: users.length });
    },
  );

  app.post(
    '/:org/:app/chatrooms/:chatroom_id/blocks/users/:username',
    route(TAG, 'Block users (`u1,u2`): kicked and kept out.', RU),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      const { results } = await ms.block(caller, {
        roomId: req.params.chatroom_id,
        users: idList(req.params.username, '/username'),
      });
      return send(req, reply, caller.app, perUser(req.params.username, results, req.params.chatroom_id, 'add_blocks'));
    },
  );

  app.post(
    '/:org/:app/chatrooms/:chatroom_id/blocks/users',
    route(TAG, 'Block users.', R, { body: Usernames }),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      const { results } = await ms.block(caller, { roomId: req.params.chatroom_id, users: req.body.usernames });
      return send(req, reply, caller.app, perUser(',', results, req.params.chatroom_id, 'add_blocks'));
    },
  );

  app.delete(
    '/:org/:app/chatrooms/:chatroom_id/blocks/users/:username',
    route(TAG, 'Unblock users (`u1,u2`).', RU),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      const { results } = await ms.unblock(caller, {
        roomId: req.params.chatroom_id,
        users: idList(req.params.username, '/username'),
      });
      return send(
        req,
        reply,
        caller.app,
        perUser(req.params.username, results, req.params.chatroom_id, 'remove_blocks'),
      );
    },
  );

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
