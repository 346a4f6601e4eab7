/**
 * /{org}/{app}/chatgroups: create, list, read, modify (and transfer ownership), destroy, and a user's
 * groups. Easemob bodies and envelopes; the admin token; the same core calls as the SDK's ops.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Core } from '../../core/index.js';
import { normalizeUsername } from '../../core/index.js';
import { existingUsers } from '../../core/social/users.js';
import { adminCaller, idList, memberCaller, Paging, requireSelf, route, sender } from '../social-rest.js';
import { TenantParams } from '../schemas.js';
import { EASEMOB_FIELD, groupDetail, GroupUpdate, NewGroup, patchOf } from './chatgroup-bodies.js';

const TAG = 'chatgroups';
const GroupParams = Type.Object({ ...TenantParams.properties, group_id: Type.String() });
const ListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  cursor: Type.Optional(Type.String({ description: 'From the previous page.' })),
});
const UserParams = Type.Object({ ...TenantParams.properties, username: Type.String() });
/** The Easemob Web SDK pages from 0 (taken as the first page) and asks for `version=v3`. */
const JoinedQuery = Type.Object({
  pagenum: Type.Optional(Type.Integer({ minimum: 0, description: 'Page number from 1 (0 is the first page too).' })),
  pagesize: Paging.properties.pagesize,
  version: Type.Optional(Type.String({ description: 'v3: entries also carry id, name, permission, disabled.' })),
});

export const chatgroupRoutes: FastifyPluginAsyncTypebox<{ core: Core; publicUrl?: string }> = async (
  app,
  { core, publicUrl },
) => {
  const send = sender(publicUrl);
  const groups = core.groups;

  app.post(
    '/:org/:app/chatgroups',
    route(TAG, 'Create a group owned by `owner`; `members` join at once. data: { groupid }.', TenantParams, {
      body: NewGroup,
    }),
    async (req, reply) => {
      const caller = await memberCaller(core, req, req.params);
      requireSelf(caller, req.body.owner ?? caller.user);
      const [owner] = await existingUsers(core.repos.users, caller, [req.body.owner ?? caller.user], '/owner');
      const b = req.body;
      const input = { ...patchOf(b), name: b.groupname, ...(b.members ? { members: b.members } : {}) };
      const { groupId } = await groups.service.create(caller, input, owner!);
      return send(req, reply, caller.app, { groupid: groupId });
    },
  );

  app.get(
    '/:org/:app/chatgroups',
    route(TAG, 'Every group of the app, by id; `cursor` pages.', TenantParams, { querystring: ListQuery }),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      const limit = req.query.limit ?? 10;
      const rows = await core.repos.groups.list(caller.app.id, req.query.cursor || undefined, limit + 1);
      const page = rows.slice(0, limit);
      const counts = await core.repos.groups.memberCounts(
        caller.app.id,
        page.map((g) => g.id),
      );
      const data = page.map((g) => ({
        owner: `${caller.app.appKey}_${g.owner}`,
        groupid: g.id,
        affiliations: counts.get(g.id) ?? 0,
        type: 'group',
        last_modified: String(g.modifiedAt),
        groupname: g.name,
      }));
      const cursor = rows.length > limit ? page[page.length - 1]!.id : undefined;
      return send(req, reply, caller.app, data, { count: data.length, ...(cursor ? { cursor } : {}) });
    },
  );

  app.get(
    '/:org/:app/chatgroups/:group_id',
    route(TAG, 'Details of one group, or several (`id1,id2`), with members as `affiliations`.', GroupParams),
    async (req, reply) => {
      const caller = await memberCaller(core, req, req.params);
      const ids = idList(req.params.group_id, '/group_id');
      // A user sees a private group only as a member, as with the SDK's group.info.
      if (!caller.admin) await groups.service.info(caller, { groupIds: ids });
      const data = [];
      for (const id of ids) data.push(groupDetail(await groups.directory.get(caller.app.id, id)));
      return send(req, reply, caller.app, data, { count: data.length });
    },
  );

  app.put(
    '/:org/:app/chatgroups/:group_id',
    route(TAG, 'Modify a group (data: each changed field: true), or transfer it with `newowner`.', GroupParams, {
      body: GroupUpdate,
    }),
    async (req, reply) => {
      const caller = await memberCaller(core, req, req.params);
      const groupId = req.params.group_id;
      const data: Record<string, boolean> = {};
      if (req.body.newowner !== undefined) {
        await groups.service.transfer(caller, { groupId, newOwner: req.body.newowner });
        data.newowner = true;
      }
      const patch = patchOf(req.body);
      // Even an empty patch checks the caller's role: a non-admin learns nothing from a 200.
      if (Object.keys(patch).length || req.body.newowner === undefined)
        await groups.service.modify(caller, { groupId, ...patch });
      for (const k of Object.keys(patch)) data[EASEMOB_FIELD[k]!] = true;
      return send(req, reply, caller.app, data);
    },
  );

  app.delete(
    '/:org/:app/chatgroups/:group_id',
    route(TAG, 'Destroy a group; members get `destroy`.', GroupParams),
    async (req, reply) => {
      const caller = await memberCaller(core, req, req.params);
      await groups.service.destroy(caller, { groupId: req.params.group_id });
      return send(req, reply, caller.app, { success: true, groupid: req.params.group_id });
    },
  );

  app.get(
    '/:org/:app/users/:username/joined_chatgroups',
    route(TAG, "A user's groups: data [{ groupid, groupname, id, name, permission, disabled }].", UserParams, {
      querystring: JoinedQuery,
    }),
    async (req, reply) => {
      const caller = await memberCaller(core, req, req.params);
      requireSelf(caller, req.params.username);
      const user = normalizeUsername(req.params.username);
      const r = await groups.service.joined(
        { app: caller.app, user },
        { pageNum: req.query.pagenum || undefined, pageSize: req.query.pagesize ?? 500 },
      );
      const v3 = req.query.version === 'v3';
      const data = r.groups.map((g) => ({
        groupid: g.groupId,
        groupname: g.name,
        ...(v3
          ? { id: g.groupId, name: g.name, permission: g.owner === user ? 'owner' : 'member', disabled: false }
          : {}),
      }));
      return send(req, reply, caller.app, data, { count: r.total });
    },
  );
};
