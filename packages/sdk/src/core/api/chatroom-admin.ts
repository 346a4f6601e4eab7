/** Chatroom admins, mutes and announcement. */
import { names, ok, str, type ApiContext } from './context.js';

export async function getChatRoomAdmin(ctx: ApiContext, p: { chatRoomId: string }) {
  return ok((await ctx.request('room.admins', { roomId: str(p, 'chatRoomId') })).admins);
}

export async function setChatRoomAdmin(ctx: ApiContext, p: { chatRoomId: string; username: string }) {
  await ctx.request('room.setAdmin', { roomId: str(p, 'chatRoomId'), user: str(p, 'username') });
  return ok({ result: true, newadmin: p.username });
}

export async function removeChatRoomAdmin(ctx: ApiContext, p: { chatRoomId: string; username: string }) {
  await ctx.request('room.removeAdmin', { roomId: str(p, 'chatRoomId'), user: str(p, 'username') });
  return ok({ result: true, oldadmin: p.username });
}

/** muteDuration in ms; -1 until unmuted. */
export async function muteChatRoomMember(
  ctx: ApiContext,
  p: { chatRoomId: string; username: string; muteDuration: number },
) {
  const req = { roomId: str(p, 'chatRoomId'), users: names(p, 'username'), durationMs: p.muteDuration };
  const [m] = (await ctx.request('room.mute', req)).muted;
  return ok({ result: true, expire: m!.expire, user: m!.user });
}

export async function unmuteChatRoomMember(ctx: ApiContext, p: { chatRoomId: string; username: string | string[] }) {
  const { results } = await ctx.request('room.unmute', { roomId: str(p, 'chatRoomId'), users: names(p, 'username') });
  return ok(results.map((r) => ({ result: true, user: r.user })));
}

export async function getChatRoomMutelist(ctx: ApiContext, p: { chatRoomId: string }) {
  return ok((await ctx.request('room.muteList', { roomId: str(p, 'chatRoomId') })).muted);
}

export async function muteAllChatRoom(ctx: ApiContext, p: { chatRoomId: string }, mute: boolean) {
  return ok(await ctx.request('room.muteAll', { roomId: str(p, 'chatRoomId'), mute }));
}

export async function updateChatRoomAnnouncement(ctx: ApiContext, p: { roomId: string; announcement: string }) {
  await ctx.request('room.setAnnouncement', { roomId: str(p, 'roomId'), announcement: String(p.announcement ?? '') });
  return ok({ id: p.roomId, result: true });
}

export async function fetchChatRoomAnnouncement(ctx: ApiContext, p: { roomId: string }) {
  return ok(await ctx.request('room.announcement', { roomId: str(p, 'roomId') }));
}
