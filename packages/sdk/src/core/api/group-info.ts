/** Reading groups: details with members, the user's groups, public groups, member lists. */
import type { GroupInfo as WireGroup } from '@pigeon/protocol';
import { invalid } from '../errors.js';
import type { AsyncResult } from '../types.js';
import { defined, ok, str, type ApiContext } from './context.js';
import type { BaseGroupInfo, FetchedGroupMember, GroupDetailInfo, GroupInfo, GroupMember } from './social-types.js';

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
