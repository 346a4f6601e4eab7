/**
 * Groups and chatrooms as they travel on the wire (Pigeon's shapes; the SDK maps them to Easemob's).
 * A group's messages live in conversation `g:<groupId>`, a chatroom's in `r:<roomId>`.
 */

export type GroupRole = 'owner' | 'admin' | 'member';

/** What a group is; `ext` is the app's own string (Easemob's `custom` / `ext`). */
export interface GroupInfo {
  groupId: string;
  name: string;
  description: string;
  avatar: string;
  owner: string;
  /** Listed by getPublicGroups and joinable by request (or directly when approval is off). */
  public: boolean;
  /** Joining needs the owner's or an admin's approval (Easemob `membersonly`). */
  approval: boolean;
  /** Plain members may invite others. */
  allowInvites: boolean;
  /** Invitees must accept before they join. */
  inviteNeedConfirm: boolean;
  maxUsers: number;
  ext: string;
  /** Everyone but the owner and admins is muted. */
  muteAll: boolean;
  memberCount: number;
  created: number;
  modified: number;
}

/** The fields a modify may change (Easemob GroupModifyInfo). */
export type GroupPatch = Partial<
  Pick<
    GroupInfo,
    | 'name'
    | 'description'
    | 'avatar'
    | 'ext'
    | 'public'
    | 'approval'
    | 'allowInvites'
    | 'inviteNeedConfirm'
    | 'maxUsers'
  >
>;

export interface GroupMemberInfo {
  user: string;
  role: GroupRole;
  joinedAt: number;
}

export interface MuteEntry {
  user: string;
  /** ms since epoch when the mute ends; -1 for a permanent mute. */
  expire: number;
}

/** Outcome for one user of a call naming several (invite, remove, block ...). */
export interface UserResult {
  user: string;
  result: boolean;
  reason?: string;
}

export interface ChatroomInfo {
  roomId: string;
  name: string;
  description: string;
  owner: string;
  maxUsers: number;
  ext: string;
  muteAll: boolean;
  /** Members present now. */
  memberCount: number;
  created: number;
}

export type ChatroomPatch = Partial<Pick<ChatroomInfo, 'name' | 'description' | 'maxUsers' | 'ext'>>;

/** Easemob's `onGroupEvent` operations (easemob-websdk GroupEvent). */
export type GroupOperation =
  | 'create'
  | 'destroy'
  | 'requestToJoin'
  | 'acceptRequest'
  | 'joinPublicGroupDeclined'
  | 'inviteToJoin'
  | 'acceptInvite'
  | 'rejectInvite'
  | 'removeMember'
  | 'unblockMember'
  | 'updateInfo'
  | 'memberPresence'
  | 'memberAbsence'
  | 'directJoined'
  | 'changeOwner'
  | 'setAdmin'
  | 'removeAdmin'
  | 'muteMember'
  | 'unmuteMember'
  | 'updateAnnouncement'
  | 'deleteAnnouncement'
  | 'muteAllMembers'
  | 'unmuteAllMembers'
  | 'memberAttributesUpdate'
  | 'addUserToAllowlist'
  | 'removeAllowlistMember';

/** Easemob's `onChatroomEvent` operations (easemob-websdk ChatroomEvent). */
export type ChatroomOperation =
  | 'destroy'
  | 'removeMember'
  | 'unblockMember'
  | 'updateInfo'
  | 'memberPresence'
  | 'memberAbsence'
  | 'setAdmin'
  | 'removeAdmin'
  | 'muteMember'
  | 'unmuteMember'
  | 'updateAnnouncement'
  | 'deleteAnnouncement'
  | 'muteAllMembers'
  | 'unmuteAllMembers'
  | 'addUserToAllowlist'
  | 'removeAllowlistMember';

interface SocialEventBase {
  /** Group or chatroom id. */
  id: string;
  /** Who did it ('admin' for the app's backend). */
  from: string;
  /** The user the event is about (joined, removed, muted, made admin ...). */
  userId?: string;
  name?: string;
  memberCount?: number;
  reason?: string;
  announcement?: string;
  /** Mute end (ms since epoch, -1 permanent) for muteMember. */
  expire?: number;
  /** When an invitation or join request was made (inviteToJoin, requestToJoin): ms since epoch. */
  ts?: number;
}

export interface GroupEventData extends SocialEventBase {
  op: GroupOperation;
  /** The changed fields, for updateInfo. */
  detail?: GroupPatch;
  /** The member's attributes after the change, for memberAttributesUpdate. */
  attributes?: Record<string, string>;
}

export interface ChatroomEventData extends SocialEventBase {
  op: ChatroomOperation;
  detail?: ChatroomPatch;
}
