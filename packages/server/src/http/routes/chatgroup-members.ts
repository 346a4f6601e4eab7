/** /{org}/{app}/chatgroups/{id}/users, /admin and /blocks/users: members, admins and the block list. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { UserResult } from '@pigeon/protocol';
import { Type } from '@sinclair/typebox';
import type { Core } from '../../core/index.js';
import { normalizeUsername } from '../../core/index.js';
import { adminCaller, idList, Paging, route, sender, Usernames } from '../social-rest.js';
import { TenantParams } from '../schemas.js';

const TAG = 'chatgroups';
const G = Type.Object({ ...TenantParams.properties, group_id: Type.String() });
const GU = Type.Object({ ...G.properties, username: Type.String({ description: 'A user, or several: `u1,u2`.' }) });

/** One result for a single user in the path, an array for a list (Easemob's two forms). */
const perUser = (segment: string, results: UserResult[], groupid: string, action: string) => {
  const out = results.map((r) => ({
    result: r.result,
    action,
    user: r.user,
    groupid,
    ...(r.reason ? { reason: r.reason } : {}),
  }));
  return segment.includes(',') ? out : out[0];
};

export const chatgroupMemberRoutes: FastifyPluginAsyncTypebox<{ core: Core; publicUrl?: string }> = async (
  app,
  { core, publicUrl },
) => {
  const send = sender(publicUrl);
  const g = core.groups;

  app.get(
    '/:org/:app/chatgroups/:group_id/users',
    route(TAG, 'Members, paged: data [{ owner } | { member }] (admins are members).', G, { querystring: Paging }),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      const r = await g.service.members(caller, {
        groupId: req.params.group_id,
        pageNum: req.query.pagenum,
        pageSize: req.query.pagesize ?? 1000,
      });
      const data = r.members.map((m) => (m.role === 'owner' ? { owner: m.user } : { member: m.user }));
      return send(req, reply, caller.app, data, {
        count: r.total,
        params: { pagenum: [String(req.query.pagenum ?? 1)] },
      });
    },
  );

  app.post(
    '/:org/:app/chatgroups/:group_id/users/:username',
    route(TAG, 'Add one member (no confirmation asked).', GU),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      const groupId = req.params.group_id;
      const { results } = await g.membership.invite(caller, { groupId, users: [req.params.username] });
      return send(req, reply, caller.app, perUser('', results, groupId, 'add_member'));
    },
  );

  app.post(
    '/:org/:app/chatgroups/:group_id/users',
    route(TAG, 'Add members: data { newmembers }.', G, { body: Usernames }),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      const groupId = req.params.group_id;
      const { results } = await g.membership.invite(caller, { groupId, users: req.body.usernames });
      const newmembers = results.filter((r) => r.result).map((r) => r.user);
      return send(req, reply, caller.app, { newmembers, groupid: groupId, action: 'add_member' });
    },
  );

  app.delete(
    '/:org/:app/chatgroups/:group_id/users/:username',
    route(TAG, 'Remove one member, or several (`u1,u2`).', GU),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      const groupId = req.params.group_id;
      const { results } = await g.membership.remove(caller, {
        groupId,
        users: idList(req.params.username, '/username'),
      });
      return send(req, reply, caller.app, perUser(req.params.username, results, groupId, 'remove_member'));
    },
  );

  app.get('/:org/:app/chatgroups/:group_id/admin', route(TAG, 'Admins: data [user].', G), async (req, reply) => {
    const caller = await adminCaller(core, req, req.params);
    const { admins } = await g.moderation.admins(caller, { groupId: req.params.group_id });
    return send(req, reply, caller.app, admins, { count: admins.length });
  });

  app.post(
    '/:org/:app/chatgroups/:group_id/admin',
    route(TAG, 'Make a member admin.', G, { body: Type.Object({ newadmin: Type.String() }) }),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      await g.moderation.setAdmin(caller, { groupId: req.params.group_id, user: req.body.newadmin });
      return send(req, reply, caller.app, {
        result: 'success',
        newadmin: normalizeUsername(req.body.newadmin, '/newadmin'),
      });
    },
  );

  app.delete(
    '/:org/:app/chatgroups/:group_id/admin/:username',
    route(TAG, 'Make an admin a plain member again.', GU),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      await g.moderation.removeAdmin(caller, { groupId: req.params.group_id, user: req.params.username });
      return send(req, reply, caller.app, { result: 'success', oldadmin: normalizeUsername(req.params.username) });
    },
  );

  app.get(
    '/:org/:app/chatgroups/:group_id/blocks/users',
    route(TAG, 'The block list: data [user].', G),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      const { users } = await g.membership.blocklist(caller, { groupId: req.params.group_id });
      return send(req, reply, caller.app, users, { count: users.length });
    },
  );

  app.post(
    '/:org/:app/chatgroups/:group_id/blocks/users/:username',
    route(TAG, 'Block one user (removed, kept out).', GU),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      const groupId = req.params.group_id;
      const { results } = await g.membership.block(caller, {
        groupId,
        users: idList(req.params.username, '/username'),
      });
      return send(req, reply, caller.app, perUser(req.params.username, results, groupId, 'add_blocks'));
    },
  );

  app.post(
    '/:org/:app/chatgroups/:group_id/blocks/users',
    route(TAG, 'Block users.', G, { body: Usernames }),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      const groupId = req.params.group_id;
      const { results } = await g.membership.block(caller, { groupId, users: req.body.usernames });
      return send(req, reply, caller.app, perUser(',', results, groupId, 'add_blocks'));
    },
  );

  app.delete(
    '/:org/:app/chatgroups/:group_id/blocks/users/:username',
    route(TAG, 'Unblock one user, or several (`u1,u2`).', GU),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      const groupId = req.params.group_id;
      const { results } = await g.membership.unblock(caller, {
        groupId,
        users: idList(req.params.username, '/username'),
      });
      return send(req, reply, caller.app, perUser(req.params.username, results, groupId, 'remove_blocks'));
    },
  );
};
