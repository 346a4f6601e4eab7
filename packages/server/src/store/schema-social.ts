/** Table types of groups, mentions and chatrooms (migration 0002). Booleans are 0/1. */
import type { Generated } from 'kysely';
export interface GroupsTable {
  app_id: string;
  id: string;
  name: string;
  description: string;
  avatar: string;
  owner: string;
  public: number;
  approval: number;
  allow_invites: number;
  invite_need_confirm: number;
  max_users: number;
  ext: string;
  announcement: string;
  mute_all: number;
  created_at: number;
  modified_at: number;
}

export interface GroupMembersTable {
  app_id: string;
  group_id: string;
  username: string;
  role: string;
  joined_at: number;
  /** 0: not muted; -1: muted until unmuted; else ms since epoch. */
  mute_until: number;
  /** JSON object of string attributes, or null. */
  attrs: string | null;
  /** On the group's allowlist: may speak while everyone is muted (migration 0009). */
  allowed: Generated<number>;
}

export interface GroupBlocksTable {
  app_id: string;
  group_id: string;
  username: string;
  created_at: number;
}

export interface GroupRequestsTable {
  app_id: string;
  group_id: string;
  username: string;
  /** 'join' (the user asked) or 'invite' (`actor` invited the user). */
  kind: string;
  actor: string;
  message: string;
  created_at: number;
}

export interface GroupReceiptsTable {
  app_id: string;
  msg_id: string;
  username: string;
  ts: number;
}

export interface MentionsTable {
  app_id: string;
  conv: string;
  seq: number;
  /** A user name, or '*' for everyone. */
  target: string;
  sender: string;
}

export interface ChatroomsTable {
  app_id: string;
  id: string;
  name: string;
  description: string;
  owner: string;
  max_users: number;
  ext: string;
  announcement: string;
  mute_all: number;
  created_at: number;
}

export interface ChatroomListsTable {
  app_id: string;
  room_id: string;
  /** 'admin' | 'mute' | 'block'. */
  kind: string;
  username: string;
  /** Mutes: 0 none, -1 permanent, else ms since epoch. */
  until: number;
}

export interface ChatroomSuperAdminsTable {
  app_id: string;
  username: string;
  created_at: number;
}
