/** Easemob Web SDK 4.x shapes of group and chatroom results and events (Easemob-chat.d.ts). */
import type { ChatroomOperation, GroupOperation, GroupPatch } from '@pigeon/protocol';

export type GroupRole = 'owner' | 'admin' | 'member';
export type GroupAffiliation = { owner: string; joined_time: number } | { member: string; joined_time: number };

export interface GroupDetailInfo {
  affiliations: GroupAffiliation[];
  affiliations_count: number;
  allowinvites: boolean;
  created: number;
  custom: string;
  description: string;
  id: string;
  maxusers: number;
  membersonly: boolean;
  mute: boolean;
  name: string;
  owner: string;
  public: boolean;
  shieldgroup: boolean;
  avatar: string;
  /** Pigeon: invitees must accept. */
  invite_need_confirm: boolean;
}

export interface BaseGroupInfo {
  groupid: string;
  groupname: string;
}

export interface GroupInfo {
  affiliationsCount?: number;
  groupName: string;
  groupId: string;
  role?: GroupRole;
  disabled: boolean;
  approval: boolean;
  allowInvites: boolean;
  description: string;
  maxUsers: number;
  public: boolean;
}

export type GroupMember = { owner: string } | { member: string };

export interface FetchedGroupMember {
  role: GroupRole;
  userId: string;
  joinedTime: number;
}

export interface CommonRequestResult {
  result: boolean;
  action: string;
  reason?: string;
  user: string;
  id: string;
}

export interface GroupRequestResult {
  action: string;
  groupid: string;
  result: boolean;
  user: string;
  reason?: string;
}

export interface MuteResult {
  expire: number;
  result: boolean;
  user: string;
}

/** onGroupEvent. `detail` uses Easemob's GroupModifyInfo names. */
export interface GroupEvent {
  operation: GroupOperation;
  id: string;
  from: string;
  userId?: string;
  name?: string;
  detail?: GroupPatch;
  memberCount?: number;
  reason?: string;
  announcement?: string;
  attributes?: Record<string, string>;
  /** Pigeon: mute end for muteMember (ms since epoch, -1 permanent). */
  expire?: number;
  /** Pigeon: when an invitation or join request was made (inviteToJoin, requestToJoin), ms since epoch. */
  ts?: number;
}

/** onChatroomEvent. */
export interface ChatroomEvent {
  operation: ChatroomOperation;
  id: string;
  from: string;
  userId?: string;
  name?: string;
  memberCount?: number;
  ext?: string;
  reason?: string;
  announcement?: string;
  expire?: number;
}

export interface ChatRoomBaseInfo {
  affiliations_count: number;
  id: string;
  name: string;
  owner: string;
}

export interface GetChatRoomDetailsResult {
  affiliations: Array<{ member: string } | { owner: string }>;
  affiliations_count: number;
  allowinvites: boolean;
  created: number;
  custom: string;
  description: string;
  id: string;
  maxusers: number;
  membersonly: boolean;
  mute: boolean;
  name: string;
  owner: string;
  public: boolean;
  shieldgroup: boolean;
}

export interface JoinChatRoomResult extends CommonRequestResult {
  info: {
    isAllMembersMuted: boolean;
    createTimestamp: number;
    isInAllowlist: boolean;
    memberCount: number;
    /** -1 when not muted (Easemob); Number.MAX_SAFE_INTEGER for a permanent mute. */
    muteExpireTimestamp: number;
  };
}
