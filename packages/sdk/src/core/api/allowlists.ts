/** Group and chatroom allowlists (Easemob's whitelists): members who may speak while everyone is muted. */
import { names, ok, str, type ApiContext } from './context.js';

type GroupP = { groupId: string };
type RoomP = { chatRoomId: string };

export async function addUsersToGroupAllowlist(ctx: ApiContext, p: GroupP & { users: string[] }) {
  const groupId = str(p, 'groupId');
  const { results } = await ctx.request('group.allow', { groupId, users: names(p, 'users') });
  return ok(results.map((r) => ({ action: 'add_user_whitelist', groupid: groupId, result: r.result, user: r.user })));
}

export async function removeGroupAllowlistMember(ctx: ApiContext, p: GroupP & { userName: string }) {
  const groupId = str(p, 'groupId');
  const { results } = await ctx.request('group.disallow', { groupId, users: [str(p, 'userName')] });
  const r = results[0]!;
  return ok({ action: 'remove_user_whitelist', groupid: groupId, result: r.result, user: r.user });
}

export async function getGroupAllowlist(ctx: ApiContext, p: GroupP) {
  return ok((await ctx.request('group.allowlist', { groupId: str(p, 'groupId') })).users);
}

export async function isInGroupAllowlist(ctx: ApiContext, p: GroupP & { userName: string }) {
  const member = str(p, 'userName');
  const { allowed } = await ctx.request('group.isAllowed', { groupId: str(p, 'groupId'), user: member });
  return ok({ member, white: allowed });
}

export async function addUsersToChatRoomAllowlist(ctx: ApiContext, p: RoomP & { users: string[] }) {
  const roomId = str(p, 'chatRoomId');
  const { results } = await ctx.request('room.allow', { roomId, users: names(p, 'users') });
  return ok(results.map((r) => ({ result: r.result, action: 'add_user_whitelist', user: r.user, id: roomId })));
}

export async function removeChatRoomAllowlistMember(ctx: ApiContext, p: RoomP & { userName: string }) {
  const roomId = str(p, 'chatRoomId');
  const { results } = await ctx.request('room.disallow', { roomId, users: [str(p, 'userName')] });
  const r = results[0]!;
  return ok({ result: r.result, action: 'remove_user_whitelist', user: r.user, id: roomId, reason: r.reason });
}

export async function getChatRoomAllowlist(ctx: ApiContext, p: RoomP) {
  return ok((await ctx.request('room.allowlist', { roomId: str(p, 'chatRoomId') })).users);
}

export async function isInChatRoomAllowlist(ctx: ApiContext, p: RoomP & { userName: string }) {
  const member = str(p, 'userName');
  const { allowed } = await ctx.request('room.isAllowed', { roomId: str(p, 'chatRoomId'), user: member });
  return ok({ member, white: allowed });
}
