/** Joining, invitations, approvals, leaving, removal and the block list of groups. */
import type { UserResult } from '@pigeon/protocol';
import { defined, names, ok, str, type ApiContext } from './context.js';

const common = (action: string, user: string, id: string) => ({ result: true, action, user, id });
const byUser = (action: string, groupid: string) => (r: UserResult) =>
  defined({ action, groupid, result: r.result, user: r.user, reason: r.reason });

export async function inviteUsersToGroup(ctx: ApiContext, p: { groupId: string; users: string[] }) {
  const groupId = str(p, 'groupId');
  const { results } = await ctx.request('group.invite', { groupId, users: names(p, 'users') });
  return ok(
    results.map((r) =>
      defined({ action: 'invite' as const, id: groupId, result: r.result, user: r.user, reason: r.reason }),
    ),
  );
}

/** Joins an open public group at once, or applies (the owner and admins get requestToJoin). */
export async function joinGroup(ctx: ApiContext, p: { groupId: string; message?: string }) {
  const groupId = str(p, 'groupId');
  const { status } = await ctx.request('group.join', defined({ groupId, message: p.message }));
  return ok({ ...common(status === 'joined' ? 'join' : 'apply', ctx.me(), groupId), status });
}

export async function leaveGroup(ctx: ApiContext, p: { groupId: string }) {
  await ctx.request('group.leave', { groupId: str(p, 'groupId') });
  return ok({ result: true as const });
}

export async function acceptGroupInvite(ctx: ApiContext, p: { groupId: string; invitee?: string }) {
  await ctx.request('group.acceptInvite', { groupId: str(p, 'groupId') });
  return ok(common('accept_invite', p.invitee ?? ctx.me(), p.groupId));
}

export async function rejectGroupInvite(ctx: ApiContext, p: { groupId: string; invitee?: string; reason?: string }) {
  await ctx.request('group.rejectInvite', defined({ groupId: str(p, 'groupId'), reason: p.reason }));
  return ok(common('decline_invite', p.invitee ?? ctx.me(), p.groupId));
}

export async function acceptGroupJoinRequest(ctx: ApiContext, p: { groupId: string; applicant: string }) {
  await ctx.request('group.acceptRequest', { groupId: str(p, 'groupId'), applicant: str(p, 'applicant') });
  return ok(common('accept_application', p.applicant, p.groupId));
}

export async function rejectGroupJoinRequest(
  ctx: ApiContext,
  p: { groupId: string; applicant: string; reason?: string },
) {
  await ctx.request(
    'group.rejectRequest',
    defined({ groupId: str(p, 'groupId'), applicant: str(p, 'applicant'), reason: p.reason }),
  );
  return ok(common('decline_application', p.applicant, p.groupId));
}

export async function removeGroupMembers(ctx: ApiContext, p: { groupId: string; users?: string[]; username?: string }) {
  const groupId = str(p, 'groupId');
  const { results } = await ctx.request('group.remove', { groupId, users: names(p, p.users ? 'users' : 'username') });
  return ok(results.map(byUser('remove_member', groupId)));
}

export async function blockGroupMembers(
  ctx: ApiContext,
  p: { groupId: string; usernames?: string[]; username?: string },
) {
  const groupId = str(p, 'groupId');
  const { results } = await ctx.request('group.block', {
    groupId,
    users: names(p, p.usernames ? 'usernames' : 'username'),
  });
  return ok(results.map(byUser('add_blocks', groupId)));
}

export async function unblockGroupMembers(
  ctx: ApiContext,
  p: { groupId: string; usernames?: string[]; username?: string },
) {
  const groupId = str(p, 'groupId');
  const { results } = await ctx.request('group.unblock', {
    groupId,
    users: names(p, p.usernames ? 'usernames' : 'username'),
  });
  return ok(results.map(byUser('remove_blocks', groupId)));
}

export async function getGroupBlocklist(ctx: ApiContext, p: { groupId: string }) {
  return ok((await ctx.request('group.blocklist', { groupId: str(p, 'groupId') })).users);
}
