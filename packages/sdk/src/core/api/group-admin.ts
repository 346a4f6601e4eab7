/** Group admins, mutes, announcement, member attributes and read receipts. */
import { defined, names, ok, str, type ApiContext } from './context.js';

export async function setGroupAdmin(ctx: ApiContext, p: { groupId: string; username: string }) {
  await ctx.request('group.setAdmin', { groupId: str(p, 'groupId'), user: str(p, 'username') });
  return ok({ newadmin: p.username, result: 'success' as const });
}

export async function removeGroupAdmin(ctx: ApiContext, p: { groupId: string; username: string }) {
  await ctx.request('group.removeAdmin', { groupId: str(p, 'groupId'), user: str(p, 'username') });
  return ok({ oldadmin: p.username, result: 'success' as const });
}

export async function getGroupAdmin(ctx: ApiContext, p: { groupId: string }) {
  return ok((await ctx.request('group.admins', { groupId: str(p, 'groupId') })).admins);
}

/** muteDuration in ms; -1 until unmuted. */
export async function muteGroupMember(
  ctx: ApiContext,
  p: { groupId: string; username: string | string[]; muteDuration: number },
) {
  const users = names(p, 'username');
  const { muted } = await ctx.request('group.mute', { groupId: str(p, 'groupId'), users, durationMs: p.muteDuration });
  return ok(muted.map((m) => ({ expire: m.expire, result: true, user: m.user })));
}

export async function unmuteGroupMember(ctx: ApiContext, p: { groupId: string; username: string | string[] }) {
  const { results } = await ctx.request('group.unmute', { groupId: str(p, 'groupId'), users: names(p, 'username') });
  return ok(results.map((r) => ({ result: r.result, user: r.user })));
}

export async function getGroupMuteList(ctx: ApiContext, p: { groupId: string }) {
  return ok((await ctx.request('group.muteList', { groupId: str(p, 'groupId') })).muted);
}

export async function muteAllGroup(ctx: ApiContext, p: { groupId: string }, mute: boolean) {
  return ok(await ctx.request('group.muteAll', { groupId: str(p, 'groupId'), mute }));
}

export async function updateGroupAnnouncement(ctx: ApiContext, p: { groupId: string; announcement: string }) {
  await ctx.request('group.setAnnouncement', {
    groupId: str(p, 'groupId'),
    announcement: String(p.announcement ?? ''),
  });
  return ok({ id: p.groupId, result: true });
}

export async function fetchGroupAnnouncement(ctx: ApiContext, p: { groupId: string }) {
  return ok(await ctx.request('group.announcement', { groupId: str(p, 'groupId') }));
}

/** An empty string value deletes that attribute. */
export async function setGroupMemberAttributes(
  ctx: ApiContext,
  p: { groupId: string; userId: string; memberAttributes: Record<string, string> },
): Promise<void> {
  await ctx.request('group.setMemberAttrs', {
    groupId: str(p, 'groupId'),
    user: str(p, 'userId'),
    attrs: p.memberAttributes ?? {},
  });
}

export async function getGroupMemberAttributes(ctx: ApiContext, p: { groupId: string; userId: string }) {
  const user = str(p, 'userId');
  const { attrs } = await ctx.request('group.memberAttrs', { groupId: str(p, 'groupId'), users: [user] });
  return ok(Object.values(attrs)[0] ?? {});
}

export async function getGroupMembersAttributes(
  ctx: ApiContext,
  p: { groupId: string; userIds: string[]; keys?: string[] },
) {
  const req = defined({
    groupId: str(p, 'groupId'),
    users: names(p, 'userIds'),
    keys: p.keys?.length ? p.keys : undefined,
  });
  return ok((await ctx.request('group.memberAttrs', req)).attrs);
}

/** Readers of a message sent with msgConfig.allowGroupAck. */
export async function getGroupMsgReadUser(ctx: ApiContext, p: { groupId: string; msgId: string }) {
  const r = await ctx.request('group.readers', { groupId: str(p, 'groupId'), msgId: str(p, 'msgId') });
  return ok({ ackmid: p.msgId, is_last: true, next_key: '', timestamp: Date.now(), total: r.total, userlist: r.users });
}
