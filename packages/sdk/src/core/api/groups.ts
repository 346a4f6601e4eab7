/** Groups: create, modify, destroy, transfer (Easemob names and result shapes). */
import type { GroupPatch } from '@pigeon/protocol';
import { invalid } from '../errors.js';
import type { AsyncResult } from '../types.js';
import { defined, ok, str, type ApiContext } from './context.js';

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
  // A loop, not Object.fromEntries (ES2019): older mini-program engines lack it.
  const modified: Record<string, boolean> = {};
  for (const k of Object.keys(changed)) modified[MODIFIED[k as keyof GroupPatch]] = true;
  return ok(modified);
}

export async function destroyGroup(ctx: ApiContext, p: { groupId: string }) {
  await ctx.request('group.destroy', { groupId: str(p, 'groupId') });
  return ok({ id: p.groupId, success: true });
}

export async function changeGroupOwner(ctx: ApiContext, p: { groupId: string; newOwner: string }) {
  await ctx.request('group.transfer', { groupId: str(p, 'groupId'), newOwner: str(p, 'newOwner') });
  return ok({ newowner: true });
}
