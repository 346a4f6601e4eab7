/** Groups: create, read, modify, destroy, transfer, lists (Easemob names and result shapes). */
import type { GroupInfo as WireGroup, GroupPatch } from '@pigeon/protocol';
import { invalid } from '../errors.js';
import type { AsyncResult } from '../types.js';
import { defined, ok, str, type ApiContext } from './context.js';
import type { BaseGroupInfo, FetchedGroupMember, GroupDetailInfo, GroupInfo, GroupMember } from './social-types.js';

export interface CreateGroupParams {
  data: {
    groupname: string;
    desc?: string;
    members?: string[];
    public?: boolean;
    approval?: boolean;
    allowinvites?: boolean;
    inviteNeedConfirm?: boolean;
    maxusers?: number;
    ext?: string;
    avatar?: string;
  };
}

export async function createGroup(ctx: ApiContext, p: CreateGroupParams): Promise<AsyncResult<{ groupid: string }>> {
  const d = p?.data;
  if (!d || typeof d !== 'object') throw invalid('createGroup({ data: { groupname, ... } })', { field: 'data' });
  const { groupId } = await ctx.request(
    'group.create',
    defined({
      name: str(d, 'groupname'),
      description: d.desc,
      members: d.members,
      public: d.public,
      approval: d.approval,
      allowInvites: d.allowinvites,
      inviteNeedConfirm: d.inviteNeedConfirm,
      maxUsers: d.maxusers,
      ext: d.ext,
      avatar: d.avatar,
    }),
  );
  return ok({ groupid: groupId });
}

export interface CreateGroupVNextParams {
  groupName?: string;
  avatar?: string;
  description?: string;
  members?: string[];
  isPublic?: boolean;
  needApprovalToJoin?: boolean;
  allowMemberToInvite?: boolean;
  inviteNeedConfirm?: boolean;
  maxMemberCount?: number;
  extension?: string;
}

export async function createGroupVNext(
  ctx: ApiContext,
  p: CreateGroupVNextParams = {},
): Promise<AsyncResult<{ groupId: string }>> {
  return ok(
    await ctx.request(
      'group.create',
      defined({
        name: p.groupName || 'group',
        description: p.description,
        avatar: p.avatar,
        members: p.members,
        public: p.isPublic,
        approval: p.needApprovalToJoin,
        allowInvites: p.allowMemberToInvite,
        inviteNeedConfirm: p.inviteNeedConfirm,
        maxUsers: p.maxMemberCount,
        ext: p.extension,
      }),
    ),
  );
}

function detail(g: WireGroup, members: FetchedGroupMember[]): GroupDetailInfo {
  return {
    affiliations: members.map((m) =>
      m.role === 'owner'
        ? { owner: m.userId, joined_time: m.joinedTime }
        : { member: m.userId, joined_time: m.joinedTime },
    ),
    affiliations_count: g.memberCount,
    allowinvites: g.allowInvites,
    created: g.created,
    custom: g.ext,
    description: g.description,
    id: g.groupId,
    maxusers: g.maxUsers,
    membersonly: g.approval,
    mute: g.muteAll,
    name: g.name,
    owner: g.owner,
    public: g.public,
    shieldgroup: false,
    avatar: g.avatar,
    invite_need_confirm: g.inviteNeedConfirm,
  };
}

/** One group or several; `affiliations` holds the first 1000 members. */
export async function getGroupInfo(
  ctx: ApiContext,
  p: { groupId: string | string[] },
): Promise<AsyncResult<GroupDetailInfo[]>> {
  const ids = typeof p?.groupId === 'string' ? [p.groupId] : p?.groupId;
  if (!Array.isArray(ids) || !ids.length) throw invalid('groupId must be an id or a list of ids', { field: 'groupId' });
  const { groups } = await ctx.request('group.info', { groupIds: ids });
  const out: GroupDetailInfo[] = [];
  for (const g of groups) out.push(detail(g, await fetchMembers(ctx, g.groupId, 1, 1000)));
  return ok(out);
}

export interface ModifyGroupParams {
  groupId: string;
  groupName?: string;
  description?: string;
  avatar?: string;
  ext?: string;
  /** Pigeon also changes these (Easemob's REST does). */
  public?: boolean;
  approval?: boolean;
  allowInvites?: boolean;
  inviteNeedConfirm?: boolean;
  maxUsers?: number;
}

const MODIFIED: Record<keyof GroupPatch, string> = {
  name: 'groupname',
  description: 'description',
  avatar: 'avatar',
  ext: 'ext',
  public: 'public',
  approval: 'membersonly',
  allowInvites: 'allowinvites',
  inviteNeedConfirm: 'invite_need_confirm',
  maxUsers: 'maxusers',
};

export async function modifyGroup(
  ctx: ApiContext,
  p: ModifyGroupParams,
): Promise<AsyncResult<Record<string, boolean>>> {
  const { changed } = await ctx.request(
    'group.modify',
    defined({
      groupId: str(p, 'groupId'),
      name: p.groupName,
      description: p.description,
      avatar: p.avatar,
      ext: p.ext,
      public: p.public,
      approval: p.approval,
      allowInvites: p.allowInvites,
      inviteNeedConfirm: p.inviteNeedConfirm,
      maxUsers: p.maxUsers,
    }),
  );
  return ok(Object.fromEntries(Object.keys(changed).map((k) => [MODIFIED[k as keyof GroupPatch], true])));
}

export async function destroyGroup(ctx: ApiContext, p: { groupId: string }) {
  await ctx.request('group.destroy', { groupId: str(p, 'groupId') });
  return ok({ id: p.groupId, success: true });
}

export async function changeGroupOwner(ctx: ApiContext, p: { groupId: string; newOwner: string }) {
  await ctx.request('group.transfer', { groupId: str(p, 'groupId'), newOwner: str(p, 'newOwner') });
  return ok({ newowner: true });
}

export interface GetJoinedGroupsParams {
  pageNum?: number;
  pageSize?: number;
  needAffiliations?: boolean;
  needRole?: boolean;
}

/** With needAffiliations or needRole, pages count from 0 (as on Easemob), else from 1. */
export async function getJoinedGroups(
  ctx: ApiContext,
  p: GetJoinedGroupsParams = {},
): Promise<AsyncResult<BaseGroupInfo[] | GroupInfo[]>> {
  const rich = p.needAffiliations === true || p.needRole === true;
  const pageNum = (p.pageNum ?? (rich ? 0 : 1)) + (rich ? 1 : 0);
  const { groups } = await ctx.request('group.joined', defined({ pageNum, pageSize: p.pageSize ?? (rich ? 20 : 500) }));
  if (!rich) return ok(groups.map((g) => ({ groupid: g.groupId, groupname: g.name })));
  return ok(
    groups.map((g) =>
      defined({
        affiliationsCount: p.needAffiliations ? g.memberCount : undefined,
        groupName: g.name,
        groupId: g.groupId,
        role: p.needRole ? g.role : undefined,
        disabled: false,
        approval: g.approval,
        allowInvites: g.allowInvites,
        description: g.description,
        maxUsers: g.maxUsers,
        public: g.public,
      }),
    ),
  );
}

export async function getPublicGroups(ctx: ApiContext, p: { limit?: number; cursor?: string | null } = {}) {
  const r = await ctx.request('group.public', defined({ limit: p.limit ?? 20, cursor: p.cursor ?? undefined }));
  return { ...ok(r.groups.map((g) => ({ groupid: g.groupId, groupname: g.name }))), cursor: r.cursor ?? undefined };
}

async function fetchMembers(
  ctx: ApiContext,
  groupId: string,
  pageNum: number,
  pageSize: number,
): Promise<FetchedGroupMember[]> {
  const { members } = await ctx.request('group.members', { groupId, pageNum, pageSize });
  return members.map((m) => ({ role: m.role, userId: m.user, joinedTime: m.joinedAt }));
}

export async function listGroupMembers(
  ctx: ApiContext,
  p: { groupId: string; pageNum?: number; pageSize?: number },
): Promise<AsyncResult<GroupMember[]>> {
  const list = await fetchMembers(ctx, str(p, 'groupId'), p.pageNum ?? 1, p.pageSize ?? 20);
  return ok(list.map((m) => (m.role === 'owner' ? { owner: m.userId } : { member: m.userId })));
}

/** Cursor-paged members (the cursor is the next page number). */
export async function getGroupMembers(ctx: ApiContext, p: { groupId: string; cursor?: string; limit?: number }) {
  const limit = Math.min(p.limit ?? 50, 50);
  const pageNum = Number(p.cursor || 1);
  const members = await fetchMembers(ctx, str(p, 'groupId'), pageNum, limit);
  return ok({ cursor: members.length === limit ? String(pageNum + 1) : undefined, members });
}
