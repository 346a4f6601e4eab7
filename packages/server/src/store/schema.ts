/**
 * Table types for Kysely. Portable column types only (text, integer, bigint), booleans as 0/1 and
 * JSON as text, so the same repositories run on SQLite and PostgreSQL. Every row carries app_id.
 */
import type { ContactsTables } from './schema-contacts.js';
import type { WebhookTables } from './schema-webhooks.js';
import type { SocialExtrasTables } from './schema-social-extras.js';
import type { MsyncTables } from './schema-msync.js';

export interface AppsTable {
  id: string;
  org: string;
  name: string;
  client_id: string;
  client_secret: string;
  /** JSON of AppSettings. */
  settings: string;
  created_at: number;
}

export interface UsersTable {
  app_id: string;
  username: string;
  uuid: string;
  password_hash: string | null;
  nickname: string | null;
  activated: number;
  token_version: number;
  revoked_before: number;
  created_at: number;
  modified_at: number;
}

export interface RelationsTable {
  app_id: string;
  owner: string;
  peer: string;
  kind: string;
  created_at: number;
  /** The owner's remark on a friend (migration 0004). */
  remark: string | null;
}

export interface ConversationsTable {
  app_id: string;
  conv: string;
  chat: string;
  last_seq: number;
  last_ts: number;
  last_msg_id: string | null;
}

export interface UserConversationsTable {
  app_id: string;
  username: string;
  conv: string;
  read_seq: number;
  cleared_seq: number;
  hidden_seq: number;
}

export interface MessagesTable {
  app_id: string;
  conv: string;
  seq: number;
  /** Decimal string of a 64-bit id: text, so no driver rounds it. */
  id: string;
  cid: string;
  sender: string;
  recipient: string;
  chat: string;
  type: string;
  body: string;
  ext: string | null;
  ts: number;
  recalled: number;
  /** 1: members may send read receipts (groups, msgConfig.allowGroupAck). */
  group_ack: number;
}

export interface ConsoleAdminsTable {
  username: string;
  password_hash: string;
  created_at: number;
}

export interface ConsoleSessionsTable {
  /** SHA-256 of the session id: a leaked database does not hand out live sessions. */
  id_hash: string;
  username: string;
  csrf: string;
  created_at: number;
  expires_at: number;
}

export type * from './schema-social.js';
import type {
  ChatroomListsTable,
  ChatroomsTable,
  ChatroomSuperAdminsTable,
  GroupBlocksTable,
  GroupMembersTable,
  GroupReceiptsTable,
  GroupRequestsTable,
  GroupsTable,
  MentionsTable,
} from './schema-social.js';
export interface FilesTable {
  app_id: string;
  uuid: string;
  secret: string;
  restricted: number;
  owner: string;
  kind: string;
  mime: string;
  name: string;
  size: number;
  sha256: string;
  width: number | null;
  height: number | null;
  duration: number | null;
  /** JSON of the thumbnail's { mime, size, width, height }, or null. */
  thumb: string | null;
  created_at: number;
  touched_at: number;
}

export interface FileRefsTable {
  app_id: string;
  file_uuid: string;
  msg_id: string;
}

export interface Database extends ContactsTables, SocialExtrasTables, WebhookTables, MsyncTables {
  apps: AppsTable;
  users: UsersTable;
  relations: RelationsTable;
  conversations: ConversationsTable;
  user_conversations: UserConversationsTable;
  messages: MessagesTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  group_blocks: GroupBlocksTable;
  group_requests: GroupRequestsTable;
  group_receipts: GroupReceiptsTable;
  mentions: MentionsTable;
  chatrooms: ChatroomsTable;
  chatroom_lists: ChatroomListsTable;
  chatroom_super_admins: ChatroomSuperAdminsTable;
  console_admins: ConsoleAdminsTable;
  console_sessions: ConsoleSessionsTable;
  files: FilesTable;
  file_refs: FileRefsTable;
}
