/** Chatrooms: list, create, read, modify, destroy, join (with recent history), leave, members. */
import type { ChatroomInfo, UserResult } from '@pigeon/protocol';
import { defined, names, ok, str, type ApiContext } from './context.js';
import type { ChatRoomBaseInfo, GetChatRoomDetailsResult, JoinChatRoomResult } from './social-types.js';

export async function getChatRooms(ctx: ApiContext, p: { pagenum?: number; pagesize?: number } = {}) {
  const { rooms } = await ctx.request('room.list', defined({ pageNum: p.pagenum, pageSize: p.pagesize ?? 20 }));
  return ok<ChatRoomBaseInfo[]>(
    rooms.map((r) => ({ affiliations_count: r.memberCount, id: r.roomId, name: r.name, owner: r.owner })),
  );
}

/** Chatroom super admins only, unless the app lets every user create rooms (Easemob's rule). */
export async function createChatRoom(
  ctx: ApiContext,
  p: { name: string; description?: string; maxusers?: number; members?: string[] },
) {
  const req = defined({
    name: str(p, 'name'),
    description: p.description,
    maxUsers: p.maxusers,
    members: p.members?.length ? p.members : undefined,
  });
  const { roomId } = await ctx.request('room.create', req);
  return ok({ id: roomId });
}

export async function destroyChatRoom(ctx: ApiContext, p: { chatRoomId: string }) {
  await ctx.request('room.destroy', { roomId: str(p, 'chatRoomId') });
  ctx.rooms.delete(p.chatRoomId);
  return ok({ id: p.chatRoomId });
}

function details(r: ChatroomInfo, members: string[]): GetChatRoomDetailsResult {
  return {
    affiliations: [{ owner: r.owner }, ...members.filter((u) => u !== r.owner).map((member) => ({ member }))],
    affiliations_count: r.memberCount,
    allowinvites: false,
    created: r.created,
    custom: r.ext,
    description: r.description,
    id: r.roomId,
    maxusers: r.maxUsers,
    membersonly: false,
    mute: r.muteAll,
    name: r.name,
    owner: r.owner,
    public: true,
    shieldgroup: false,
  };
}

export async function getChatRoomDetails(ctx: ApiContext, p: { chatRoomId: string }) {
  const roomId = str(p, 'chatRoomId');
  const { room } = await ctx.request('room.info', { roomId });
  const { members } = await ctx.request('room.members', { roomId, pageNum: 1, pageSize: 1000 });
  return ok([details(room, members)]);
}

export async function modifyChatRoom(
  ctx: ApiContext,
  p: { chatRoomId: string; chatRoomName?: string; description?: string; maxusers?: number },
) {
  const req = defined({
    roomId: str(p, 'chatRoomId'),
    name: p.chatRoomName,
    description: p.description,
    maxUsers: p.maxusers,
  });
  const { changed } = await ctx.request('room.modify', req);
  return ok({ description: 'description' in changed, maxusers: 'maxUsers' in changed, groupname: 'name' in changed });
}

/** Joins (the room's recent messages arrive through the message handlers); rejoined after reconnects. */
export async function joinChatRoom(
  ctx: ApiContext,
  p: { roomId: string; message?: string; ext?: string; leaveOtherRooms?: boolean },
) {
  const roomId = str(p, 'roomId');
  if (p.leaveOtherRooms)
    for (const other of [...ctx.rooms]) if (other !== roomId) await leaveChatRoom(ctx, { roomId: other });
  const reply = await ctx.request('room.join', defined({ roomId, ext: p.ext }));
  ctx.rooms.add(roomId);
  ctx.roomHistory(roomId, reply);
  const muted = reply.muteExpire === -1 ? Number.MAX_SAFE_INTEGER : reply.muteExpire || -1;
  const info = {
    isAllMembersMuted: reply.info.muteAll,
    createTimestamp: reply.info.created,
    isInAllowlist: false,
    memberCount: reply.info.memberCount,
    muteExpireTimestamp: muted,
  };
  return ok<JoinChatRoomResult>({ result: true, action: 'apply', user: ctx.me(), id: roomId, info });
}

export async function leaveChatRoom(ctx: ApiContext, p: { roomId: string }) {
  const roomId = str(p, 'roomId');
  ctx.rooms.delete(roomId);
  await ctx.request('room.leave', { roomId });
  return ok({ result: true });
}

export async function getJoinedChatRooms(ctx: ApiContext, p: { pageNum?: number; pageSize?: number } = {}) {
  const { rooms } = await ctx.request('room.joined', defined({ pageNum: p.pageNum, pageSize: p.pageSize }));
  return ok(
    rooms.map((r) => ({
      id: r.roomId,
      name: r.name,
      owner: r.owner,
      created: r.created,
      description: r.description,
      maxusers: r.maxUsers,
    })),
  );
}

export async function listChatRoomMembers(
  ctx: ApiContext,
  p: { chatRoomId: string; pageNum?: number; pageSize?: number },
) {
  const req = { roomId: str(p, 'chatRoomId'), pageNum: p.pageNum ?? 1, pageSize: p.pageSize ?? 20 };
  return ok((await ctx.request('room.members', req)).members.map((member) => ({ member })));
}

const byUser = (action: string, id: string) => (r: UserResult) =>
  defined({ result: r.result, action, user: r.user, id, reason: r.reason });

export async function removeChatRoomMembers(
  ctx: ApiContext,
  p: { chatRoomId: string; users?: string[]; username?: string },
) {
  const roomId = str(p, 'chatRoomId');
  const { results } = await ctx.request('room.remove', { roomId, users: names(p, p.users ? 'users' : 'username') });
  return ok(results.map(byUser('remove_member', roomId)));
}

export async function blockChatRoomMembers(
  ctx: ApiContext,
  p: { chatRoomId: string; usernames?: string[]; username?: string },
) {
  const roomId = str(p, 'chatRoomId');
  const { results } = await ctx.request('room.block', {
    roomId,
    users: names(p, p.usernames ? 'usernames' : 'username'),
  });
  return ok(results.map(byUser('add_blocks', roomId)));
}

export async function unblockChatRoomMembers(
  ctx: ApiContext,
  p: { chatRoomId: string; usernames?: string[]; username?: string },
) {
  const roomId = str(p, 'chatRoomId');
  const { results } = await ctx.request('room.unblock', {
    roomId,
    users: names(p, p.usernames ? 'usernames' : 'username'),
  });
  return ok(results.map(byUser('remove_blocks', roomId)));
}

export async function getChatRoomBlocklist(ctx: ApiContext, p: { chatRoomId: string }) {
  return ok((await ctx.request('room.blocklist', { roomId: str(p, 'chatRoomId') })).users);
}
