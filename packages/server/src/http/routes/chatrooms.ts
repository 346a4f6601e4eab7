/**
 * /{org}/{app}/chatrooms: create, list, read, modify, destroy; super admins (who may create rooms
 * from the SDK); a user's rooms. Easemob bodies and envelopes, the admin token.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Core } from '../../core/index.js';
import { normalizeUsername } from '../../core/index.js';
import { existingUsers } from '../../core/social/users.js';
import { adminCaller, idList, Paging, route, sender } from '../social-rest.js';
import { TenantParams } from '../schemas.js';

const TAG = 'chatrooms';
const R = Type.Object({ ...TenantParams.properties, chatroom_id: Type.String() });
const UserParams = Type.Object({ ...TenantParams.properties, username: Type.String() });
const NewRoom = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 128 }),
  description: Type.Optional(Type.String({ maxLength: 512 })),
  maxusers: Type.Optional(Type.Integer({ minimum: 1 })),
  owner: Type.String(),
  members: Type.Optional(Type.Array(Type.String(), { maxItems: 1000 })),
  custom: Type.Optional(Type.String({ maxLength: 8192 })),
});
const RoomUpdate = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  description: Type.Optional(Type.String({ maxLength: 512 })),
  maxusers: Type.Optional(Type.Integer({ minimum: 1 })),
  custom: Type.Optional(Type.String({ maxLength: 8192 })),
});
const FIELD: Record<string, string> = { name: 'name', description: 'description', maxUsers: 'maxusers', ext: 'custom' };

export const chatroomRoutes: FastifyPluginAsyncTypebox<{ core: Core; publicUrl?: string }> = async (
  app,
  { core, publicUrl },
) => {
  const send = sender(publicUrl);
  const rooms = core.chatrooms;

  app.post(
    '/:org/:app/chatrooms',
    route(TAG, 'Create a chatroom owned by `owner`: data { id }.', TenantParams, { body: NewRoom }),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      const [owner] = await existingUsers(core.repos.users, caller, [req.body.owner], '/owner');
      const b = req.body;
      const input = {
        name: b.name,
        ...(b.description !== undefined ? { description: b.description } : {}),
        ...(b.maxusers !== undefined ? { maxUsers: b.maxusers } : {}),
        ...(b.custom !== undefined ? { ext: b.custom } : {}),
        ...(b.members ? { members: b.members } : {}),
      };
      const { roomId } = await rooms.service.create(caller, input, owner!);
      return send(req, reply, caller.app, { id: roomId });
    },
  );

  app.get(
    '/:org/:app/chatrooms',
    route(TAG, 'Chatrooms, paged: data [{ id, name, owner, affiliations_count }].', TenantParams, {
      querystring: Paging,
    }),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      const r = await rooms.service.list(caller, { pageNum: req.query.pagenum, pageSize: req.query.pagesize ?? 100 });
      const data = r.rooms.map((x) => ({
        id: x.roomId,
        name: x.name,
        owner: x.owner,
        affiliations_count: x.memberCount,
      }));
      return send(req, reply, caller.app, data, { count: data.length });
    },
  );

  app.get(
    '/:org/:app/chatrooms/super_admin',
    route(TAG, 'Chatroom super admins (they may create rooms from the SDK).', TenantParams, { querystring: Paging }),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      const size = req.query.pagesize ?? 100;
      const data = await core.repos.chatrooms.superAdmins(caller.app.id, ((req.query.pagenum ?? 1) - 1) * size, size);
      return send(req, reply, caller.app, data, { count: data.length });
    },
  );

  app.post(
    '/:org/:app/chatrooms/super_admin',
    route(TAG, 'Make a user a chatroom super admin.', TenantParams, {
      body: Type.Object({ superadmin: Type.String() }),
    }),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      const [user] = await existingUsers(core.repos.users, caller, [req.body.superadmin], '/superadmin');
      await core.repos.chatrooms.addSuperAdmin(caller.app.id, user!, core.clock.now());
      return send(req, reply, caller.app, { result: 'success', resource: '' });
    },
  );

  app.delete(
    '/:org/:app/chatrooms/super_admin/:username',
    route(TAG, 'Revoke a chatroom super admin.', UserParams),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      const user = normalizeUsername(req.params.username);
      await core.repos.chatrooms.removeSuperAdmin(caller.app.id, user);
      return send(req, reply, caller.app, { newSuperAdmin: user, resource: '' });
    },
  );

  app.get(
    '/:org/:app/chatrooms/:chatroom_id',
    route(TAG, 'Details of one chatroom, or several (`id1,id2`).', R),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      const data = [];
      for (const id of idList(req.params.chatroom_id, '/chatroom_id')) {
        const { room } = await rooms.service.info(caller, { roomId: id });
        const { members } = await rooms.membership.members(caller, { roomId: id, pageSize: 1000 });
        data.push({
          id: room.roomId,
          name: room.name,
          description: room.description,
          membersonly: false,
          allowinvites: false,
          maxusers: room.maxUsers,
          owner: room.owner,
          created: room.created,
          custom: room.ext,
          mute: room.muteAll,
          public: true,
          affiliations_count: room.memberCount,
          affiliations: [
            { owner: room.owner },
            ...members.filter((u) => u !== room.owner).map((member) => ({ member })),
          ],
        });
      }
      return send(req, reply, caller.app, data, { count: data.length });
    },
  );

  app.put(
    '/:org/:app/chatrooms/:chatroom_id',
    route(TAG, 'Modify a chatroom: data { <field>: true }.', R, { body: RoomUpdate }),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      const b = req.body;
      const patch = { name: b.name, description: b.description, maxUsers: b.maxusers, ext: b.custom };
      await rooms.service.modify(caller, { roomId: req.params.chatroom_id, ...patch });
      const data = Object.fromEntries(
        Object.entries(patch)
          .filter(([, v]) => v !== undefined)
          .map(([k]) => [FIELD[k], true]),
      );
      return send(req, reply, caller.app, data);
    },
  );

  app.delete(
    '/:org/:app/chatrooms/:chatroom_id',
    route(TAG, 'Destroy a chatroom; members present get `destroy`.', R),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      await rooms.service.destroy(caller, { roomId: req.params.chatroom_id });
      return send(req, reply, caller.app, { success: true, id: req.params.chatroom_id });
    },
  );

  app.get(
    '/:org/:app/users/:username/joined_chatrooms',
    route(TAG, 'The chatrooms a user is in: data [{ id, name }].', UserParams, { querystring: Paging }),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      const user = normalizeUsername(req.params.username);
      const r = await rooms.membership.joined(
        { app: caller.app, user },
        { pageNum: req.query.pagenum, pageSize: req.query.pagesize ?? 500 },
      );
      return send(
        req,
        reply,
        caller.app,
        r.rooms.map((x) => ({ id: x.roomId, name: x.name })),
      );
    },
  );
};
