/**
 * /{org}/{app}/chatgroups: create, list, read, modify (and transfer ownership), destroy, and a user's
 * groups. Easemob bodies and envelopes; the admin token; the same core calls as the SDK's ops.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { GroupInfo, GroupPatch } from '@pigeon/protocol';
import { Type } from '@sinclair/typebox';
import type { Core } from '../../core/index.js';
import type { GroupState } from '../../core/groups/group-service.js';
import { groupInfo } from '../../core/groups/group-state.js';
import { normalizeUsername } from '../../core/index.js';
import { existingUsers } from '../../core/social/users.js';
import { adminCaller, idList, Paging, route, sender } from '../social-rest.js';
import { TenantParams } from '../schemas.js';

const TAG = 'chatgroups';
const GroupParams = Type.Object({ ...TenantParams.properties, group_id: Type.String() });
const Settings = {
  description: Type.Optional(Type.String({ maxLength: 512 })),
  desc: Type.Optional(Type.String({ maxLength: 512, description: 'Older name of description.' })),
  public: Type.Optional(Type.Boolean()),
  maxusers: Type.Optional(Type.Integer({ minimum: 1 })),
  membersonly: Type.Optional(Type.Boolean({ description: 'Joining needs approval.' })),
  members_only: Type.Optional(Type.Boolean()),
  allowinvites: Type.Optional(Type.Boolean()),
  invite_need_confirm: Type.Optional(Type.Boolean()),
  custom: Type.Optional(Type.String({ maxLength: 8192 })),
  avatar: Type.Optional(Type.String({ maxLength: 1024 })),
};
const NewGroup = Type.Object({
  groupname: Type.String({ minLength: 1, maxLength: 128 }),
  owner: Type.String(),
  members: Type.Optional(Type.Array(Type.String(), { maxItems: 1000 })),
  ...Settings,
});
const GroupUpdate = Type.Object({
  groupname: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  newowner: Type.Optional(Type.String({ description: 'Transfer ownership to this member.' })),
  ...Settings,
});
type SettingsBody = { [K in keyof typeof Settings]?: unknown } & { groupname?: string };

function patchOf(b: SettingsBody): GroupPatch {
  const p: Record<string, unknown> = {
    name: b.groupname,
    description: b.description ?? b.desc,
    public: b.public,
    maxUsers: b.maxusers,
    approval: b.membersonly ?? b.members_only,
    allowInvites: b.allowinvites,
    inviteNeedConfirm: b.invite_need_confirm,
    ext: b.custom,
    avatar: b.avatar,
  };
  return Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as GroupPatch;
}

const EASEMOB_FIELD: Record<string, string> = {
  name: 'groupname',
  description: 'description',
  public: 'public',
  maxUsers: 'maxusers',
  approval: 'membersonly',
  allowInvites: 'allowinvites',
  inviteNeedConfirm: 'invite_need_confirm',
  ext: 'custom',
  avatar: 'avatar',
};

/** Easemob's group detail: members as `affiliations` entries. */
export function groupDetail(s: GroupState) {
  const g: GroupInfo = groupInfo(s);
  const affiliations = [...s.members.values()].map((m) =>
    m.role === 'owner' ? { owner: m.user, joined_time: m.joinedAt } : { member: m.user, joined_time: m.joinedAt },
  );
  return {
    id: g.groupId,
    name: g.name,
    description: g.description,
    membersonly: g.approval,
    allowinvites: g.allowInvites,
    invite_need_confirm: g.inviteNeedConfirm,
    maxusers: g.maxUsers,
    owner: g.owner,
    created: g.created,
    custom: g.ext,
    avatar: g.avatar,
    mute: g.muteAll,
    public: g.public,
    affiliations_count: g.memberCount,
    affiliations,
  };
}

const ListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  cursor: Type.Optional(Type.String({ description: 'From the previous page.' })),
});
const UserParams = Type.Object({ ...TenantParams.properties, username: Type.String() });

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
      const caller = await adminCaller(core, req, req.params);
      const [owner] = await existingUsers(core.repos.users, caller, [req.body.owner], '/owner');
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
      const caller = await adminCaller(core, req, req.params);
      const data = [];
      for (const id of idList(req.params.group_id, '/group_id'))
        data.push(groupDetail(await groups.directory.get(caller.app.id, id)));
      return send(req, reply, caller.app, data, { count: data.length });
    },
  );

  app.put(
    '/:org/:app/chatgroups/:group_id',
    route(TAG, 'Modify a group (data: each changed field: true), or transfer it with `newowner`.', GroupParams, {
      body: GroupUpdate,
    }),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      const groupId = req.params.group_id;
      const data: Record<string, boolean> = {};
      if (req.body.newowner !== undefined) {
        await groups.service.transfer(caller, { groupId, newOwner: req.body.newowner });
        data.newowner = true;
      }
      const patch = patchOf(req.body);
      if (Object.keys(patch).length) {
        await groups.service.modify(caller, { groupId, ...patch });
        for (const k of Object.keys(patch)) data[EASEMOB_FIELD[k]!] = true;
      }
      return send(req, reply, caller.app, data);
    },
  );

  app.delete(
    '/:org/:app/chatgroups/:group_id',
    route(TAG, 'Destroy a group; members get `destroy`.', GroupParams),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      await groups.service.destroy(caller, { groupId: req.params.group_id });
      return send(req, reply, caller.app, { success: true, groupid: req.params.group_id });
    },
  );

  app.get(
    '/:org/:app/users/:username/joined_chatgroups',
    route(TAG, "A user's groups: data [{ groupid, groupname }].", UserParams, { querystring: Paging }),
    async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      const user = normalizeUsername(req.params.username);
      const r = await groups.service.joined(
        { ...caller, user, admin: false },
        { pageNum: req.query.pagenum, pageSize: req.query.pagesize ?? 500 },
      );
      const data = r.groups.map((g) => ({ groupid: g.groupId, groupname: g.name }));
      return send(req, reply, caller.app, data, { count: r.total });
    },
  );
};
