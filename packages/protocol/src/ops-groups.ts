/** Group operations (merged into `Ops`). Every call names its group by `groupId`. */
import type { GroupInfo, GroupMemberInfo, GroupPatch, GroupRole, MuteEntry, UserResult } from './groups.js';

type G = { groupId: string };
type Ok = Record<string, never>;

export interface NewGroup {
  name: string;
  description?: string;
  avatar?: string;
  public?: boolean;
  approval?: boolean;
  allowInvites?: boolean;
  inviteNeedConfirm?: boolean;
  maxUsers?: number;
  ext?: string;
  /** Added at once (each gets `directJoined`), whatever inviteNeedConfirm says. */
  members?: string[];
}

export interface GroupOps {
  'group.create': { req: NewGroup; res: G };
  'group.info': { req: { groupIds: string[] }; res: { groups: GroupInfo[] } };
  'group.modify': { req: G & GroupPatch; res: { changed: GroupPatch } };
  'group.destroy': { req: G; res: Ok };
  'group.transfer': { req: G & { newOwner: string }; res: Ok };
  /** The caller's groups, paged from 1; `role` and member counts come with every entry. */
  'group.joined': {
    req: { pageNum?: number; pageSize?: number };
    res: { groups: Array<GroupInfo & { role: GroupRole }>; total: number };
  };
  /** Public groups, newest first. */
  'group.public': {
    req: { limit?: number; cursor?: string };
    res: { groups: Array<{ groupId: string; name: string }>; cursor: string | null };
  };
  'group.members': {
    req: G & { pageNum?: number; pageSize?: number };
    res: { members: GroupMemberInfo[]; total: number };
  };
  /** Joins an open public group, or files a request when it needs approval. */
  'group.join': { req: G & { message?: string }; res: { status: 'joined' | 'requested' } };
  'group.leave': { req: G; res: Ok };
  /** Invites (or adds, when the group needs no confirmation); results per user. */
  'group.invite': { req: G & { users: string[]; reason?: string }; res: { results: UserResult[] } };
  'group.acceptInvite': { req: G; res: Ok };
  'group.rejectInvite': { req: G & { reason?: string }; res: Ok };
  'group.acceptRequest': { req: G & { applicant: string }; res: Ok };
  'group.rejectRequest': { req: G & { applicant: string; reason?: string }; res: Ok };
  'group.remove': { req: G & { users: string[] }; res: { results: UserResult[] } };
  'group.setAdmin': { req: G & { user: string }; res: Ok };
  'group.removeAdmin': { req: G & { user: string }; res: Ok };
  'group.admins': { req: G; res: { admins: string[] } };
  /** durationMs -1: until unmuted. */
  'group.mute': { req: G & { users: string[]; durationMs: number }; res: { muted: MuteEntry[] } };
  'group.unmute': { req: G & { users: string[] }; res: { results: UserResult[] } };
  'group.muteList': { req: G; res: { muted: MuteEntry[] } };
  'group.muteAll': { req: G & { mute: boolean }; res: { mute: boolean } };
  'group.block': { req: G & { users: string[] }; res: { results: UserResult[] } };
  'group.unblock': { req: G & { users: string[] }; res: { results: UserResult[] } };
  'group.blocklist': { req: G; res: { users: string[] } };
  'group.announcement': { req: G; res: { announcement: string } };
  'group.setAnnouncement': { req: G & { announcement: string }; res: Ok };
  /** An empty string value deletes that attribute. */
  'group.setMemberAttrs': { req: G & { user: string; attrs: Record<string, string> }; res: Ok };
  'group.memberAttrs': {
    req: G & { users: string[]; keys?: string[] };
    res: { attrs: Record<string, Record<string, string>> };
  };
  /** Who read a message sent with groupAck (read receipts). */
  'group.readers': { req: G & { msgId: string }; res: { users: string[]; total: number } };
}

export const GROUP_OP_NAMES: readonly (keyof GroupOps)[] = [
  'group.create',
  'group.info',
  'group.modify',
  'group.destroy',
  'group.transfer',
  'group.joined',
  'group.public',
  'group.members',
  'group.join',
  'group.leave',
  'group.invite',
  'group.acceptInvite',
  'group.rejectInvite',
  'group.acceptRequest',
  'group.rejectRequest',
  'group.remove',
  'group.setAdmin',
  'group.removeAdmin',
  'group.admins',
  'group.mute',
  'group.unmute',
  'group.muteList',
  'group.muteAll',
  'group.block',
  'group.unblock',
  'group.blocklist',
  'group.announcement',
  'group.setAnnouncement',
  'group.setMemberAttrs',
  'group.memberAttrs',
  'group.readers',
];
