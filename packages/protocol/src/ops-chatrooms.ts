/**
 * Chatroom operations (merged into `Ops`). Membership lasts while the user is connected: it ends on
 * leave, on a normal close, or a grace period after the user's last connection dropped.
 */
import type { ChatroomInfo, ChatroomPatch, MuteEntry, UserResult } from './groups.js';
import type { Message } from './message.js';

type R = { roomId: string };
type Ok = Record<string, never>;

export interface ChatroomJoinReply {
  info: ChatroomInfo;
  /** The caller's mute end (ms since epoch, -1 permanent), or 0 when not muted. */
  muteExpire: number;
  /** The room's recent messages, oldest first (a bounded buffer; rooms are not synced offline). */
  history: Message[];
  /** The room's newest seq: lower than a client's own position means the room's count restarted. */
  lastSeq: number;
}

export interface ChatroomOps {
  /** Needs a chatroom super admin, unless the app lets every user create rooms. */
  'room.create': {
    req: { name: string; description?: string; maxUsers?: number; ext?: string; members?: string[] };
    res: R;
  };
  'room.list': {
    req: { pageNum?: number; pageSize?: number };
    res: { rooms: Array<{ roomId: string; name: string; owner: string; memberCount: number }> };
  };
  'room.info': { req: R; res: { room: ChatroomInfo } };
  'room.modify': { req: R & ChatroomPatch; res: { changed: ChatroomPatch } };
  'room.destroy': { req: R; res: Ok };
  'room.join': { req: R & { ext?: string }; res: ChatroomJoinReply };
  'room.leave': { req: R; res: Ok };
  'room.joined': { req: { pageNum?: number; pageSize?: number }; res: { rooms: ChatroomInfo[] } };
  'room.members': {
    req: R & { pageNum?: number; pageSize?: number };
    res: { members: string[]; owner: string; total: number };
  };
  'room.remove': { req: R & { users: string[] }; res: { results: UserResult[] } };
  'room.admins': { req: R; res: { admins: string[] } };
  'room.setAdmin': { req: R & { user: string }; res: Ok };
  'room.removeAdmin': { req: R & { user: string }; res: Ok };
  'room.mute': { req: R & { users: string[]; durationMs: number }; res: { muted: MuteEntry[] } };
  'room.unmute': { req: R & { users: string[] }; res: { results: UserResult[] } };
  'room.muteList': { req: R; res: { muted: MuteEntry[] } };
  'room.muteAll': { req: R & { mute: boolean }; res: { mute: boolean } };
  'room.block': { req: R & { users: string[] }; res: { results: UserResult[] } };
  'room.unblock': { req: R & { users: string[] }; res: { results: UserResult[] } };
  'room.blocklist': { req: R; res: { users: string[] } };
  'room.announcement': { req: R; res: { announcement: string } };
  'room.setAnnouncement': { req: R & { announcement: string }; res: Ok };
}

export const CHATROOM_OP_NAMES: readonly (keyof ChatroomOps)[] = [
  'room.create',
  'room.list',
  'room.info',
  'room.modify',
  'room.destroy',
  'room.join',
  'room.leave',
  'room.joined',
  'room.members',
  'room.remove',
  'room.admins',
  'room.setAdmin',
  'room.removeAdmin',
  'room.mute',
  'room.unmute',
  'room.muteList',
  'room.muteAll',
  'room.block',
  'room.unblock',
  'room.blocklist',
  'room.announcement',
  'room.setAnnouncement',
];
