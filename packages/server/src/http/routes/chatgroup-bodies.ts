/** Easemob's chatgroup bodies: group settings in and out, and the group detail with its members. */
import type { GroupInfo, GroupPatch } from '@pigeon/protocol';
import { Type } from '@sinclair/typebox';
import type { GroupState } from '../../core/groups/group-state.js';
import { groupInfo } from '../../core/groups/group-state.js';

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
export const NewGroup = Type.Object({
  groupname: Type.String({ minLength: 1, maxLength: 128 }),
  owner: Type.String(),
  members: Type.Optional(Type.Array(Type.String(), { maxItems: 1000 })),
  ...Settings,
});
export const GroupUpdate = Type.Object({
  groupname: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  newowner: Type.Optional(Type.String({ description: 'Transfer ownership to this member.' })),
  ...Settings,
});
type SettingsBody = { [K in keyof typeof Settings]?: unknown } & { groupname?: string };

export function patchOf(b: SettingsBody): GroupPatch {
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

export const EASEMOB_FIELD: Record<string, string> = {
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
