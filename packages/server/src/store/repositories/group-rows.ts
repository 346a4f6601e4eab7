/** Row <-> record mapping for groups and their members. */
import type { GroupRole } from '@pigeon/protocol';
import type { Insertable, Selectable } from 'kysely';
import type { GroupRecord, GroupRecordPatch, MemberRecord } from '../../core/ports/groups.js';
import type { GroupMembersTable, GroupsTable } from '../schema.js';

export const groupConv = (id: string): string => `g:${id}`;

export function toGroup(r: Selectable<GroupsTable>): GroupRecord {
  return {
    appId: r.app_id,
    id: r.id,
    name: r.name,
    description: r.description,
    avatar: r.avatar,
    owner: r.owner,
    public: r.public === 1,
    approval: r.approval === 1,
    allowInvites: r.allow_invites === 1,
    inviteNeedConfirm: r.invite_need_confirm === 1,
    maxUsers: Number(r.max_users),
    ext: r.ext,
    announcement: r.announcement,
    muteAll: r.mute_all === 1,
    createdAt: Number(r.created_at),
    modifiedAt: Number(r.modified_at),
  };
}

const bit = (b: boolean | undefined) => (b === undefined ? undefined : b ? 1 : 0);

export function groupRow(g: GroupRecord): GroupsTable {
  return { ...groupPatchRow(g), app_id: g.appId, id: g.id, created_at: g.createdAt } as GroupsTable;
}

export function groupPatchRow(p: GroupRecordPatch): Partial<GroupsTable> {
  const row: Partial<GroupsTable> = {
    name: p.name,
    description: p.description,
    avatar: p.avatar,
    owner: p.owner,
    public: bit(p.public),
    approval: bit(p.approval),
    allow_invites: bit(p.allowInvites),
    invite_need_confirm: bit(p.inviteNeedConfirm),
    max_users: p.maxUsers,
    ext: p.ext,
    announcement: p.announcement,
    mute_all: bit(p.muteAll),
    modified_at: p.modifiedAt,
  };
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined)) as Partial<GroupsTable>;
}

export function toMember(r: Selectable<GroupMembersTable>): MemberRecord {
  return {
    user: r.username,
    role: r.role as GroupRole,
    joinedAt: Number(r.joined_at),
    muteUntil: Number(r.mute_until),
    attrs: r.attrs ? (JSON.parse(r.attrs) as Record<string, string>) : {},
    allowed: Number(r.allowed) === 1,
  };
}

export function memberRow(appId: string, groupId: string, m: MemberRecord): Insertable<GroupMembersTable> {
  return {
    app_id: appId,
    group_id: groupId,
    username: m.user,
    role: m.role,
    joined_at: m.joinedAt,
    mute_until: m.muteUntil,
    attrs: Object.keys(m.attrs).length ? JSON.stringify(m.attrs) : null,
    allowed: m.allowed ? 1 : 0,
  };
}
