/** Storage of groups: the group itself, its members (with their read positions), lists and requests. */
import type { GroupRole } from '@pigeon/protocol';

export interface GroupRecord {
  appId: string;
  id: string;
  name: string;
  description: string;
  avatar: string;
  owner: string;
  public: boolean;
  approval: boolean;
  allowInvites: boolean;
  inviteNeedConfirm: boolean;
  maxUsers: number;
  ext: string;
  announcement: string;
  muteAll: boolean;
  createdAt: number;
  modifiedAt: number;
}

export type GroupRecordPatch = Partial<Omit<GroupRecord, 'appId' | 'id' | 'createdAt'>>;

export interface MemberRecord {
  user: string;
  role: GroupRole;
  joinedAt: number;
  /** 0: not muted; -1: until unmuted; else ms since epoch. */
  muteUntil: number;
  attrs: Record<string, string>;
  /** On the allowlist: may speak while the group is muted. */
  allowed?: boolean;
}

export type MemberPatch = Partial<Pick<MemberRecord, 'role' | 'muteUntil' | 'attrs' | 'allowed'>>;

export interface GroupRequest {
  user: string;
  kind: 'join' | 'invite';
  /** Who invited (invite) or the applicant (join). */
  actor: string;
  message: string;
  createdAt: number;
}

export interface GroupRepository {
  /** Creates the group, its conversation and its first members (owner included) in one transaction. */
  create(group: GroupRecord, members: MemberRecord[]): Promise<void>;
  get(appId: string, id: string): Promise<GroupRecord | undefined>;
  update(appId: string, id: string, patch: GroupRecordPatch): Promise<void>;
  /** Removes the group with its members, lists, requests, conversation rows and messages. */
  delete(appId: string, id: string): Promise<void>;
  /** Every group of the app, by id (REST listing). */
  list(appId: string, afterId: string | undefined, limit: number): Promise<GroupRecord[]>;
  /** Public groups, newest id first. */
  listPublic(appId: string, beforeId: string | undefined, limit: number): Promise<GroupRecord[]>;
  memberCounts(appId: string, ids: string[]): Promise<Map<string, number>>;
}

export interface GroupMemberRepository {
  all(appId: string, groupId: string): Promise<MemberRecord[]>;
  /**
   * Adds members and gives each a conversation row whose read and cleared positions are the
   * group's newest seq (they see messages after they joined); drops their pending requests.
   */
  add(appId: string, groupId: string, members: MemberRecord[]): Promise<void>;
  /** Removes members and their conversation rows. */
  remove(appId: string, groupId: string, users: string[]): Promise<void>;
  update(appId: string, groupId: string, user: string, patch: MemberPatch): Promise<void>;
  /** The user's groups with the user's role, by group id, and how many there are. */
  joined(
    appId: string,
    user: string,
    offset: number,
    limit: number,
  ): Promise<{ groups: Array<GroupRecord & { role: GroupRole }>; total: number }>;
}

export interface GroupListRepository {
  block(appId: string, groupId: string, users: string[], at: number): Promise<void>;
  unblock(appId: string, groupId: string, users: string[]): Promise<void>;
  blocked(appId: string, groupId: string): Promise<string[]>;
  putRequest(appId: string, groupId: string, request: GroupRequest): Promise<void>;
  /** Deletes and returns the pending request, if any. */
  takeRequest(
    appId: string,
    groupId: string,
    user: string,
    kind: GroupRequest['kind'],
  ): Promise<GroupRequest | undefined>;
  /** Invitations waiting for `user` (oldest first), or join requests to groups `user` owns or administers. */
  pendingFor(
    appId: string,
    user: string,
    kind: GroupRequest['kind'],
    limit: number,
  ): Promise<Array<GroupRequest & { groupId: string; name: string }>>;
  /** Records a read receipt; false when the user had already sent one for that message. */
  addReceipt(appId: string, msgId: string, user: string, ts: number): Promise<boolean>;
  readers(appId: string, msgId: string): Promise<string[]>;
}
