/**
 * Groups (members, block lists, join requests and invitations, read receipts), @mentions, chatrooms
 * (rooms, their admin/mute/block lists, super admins). Chatroom presence is in memory, not here.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await groups(db);
  await groupLists(db);
  await mentionsAndReceipts(db);
  await chatrooms(db);
}

async function groups(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('groups')
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('avatar', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('public', 'integer', (c) => c.notNull())
    .addColumn('approval', 'integer', (c) => c.notNull())
    .addColumn('allow_invites', 'integer', (c) => c.notNull())
    .addColumn('invite_need_confirm', 'integer', (c) => c.notNull())
    .addColumn('max_users', 'integer', (c) => c.notNull())
    .addColumn('ext', 'text', (c) => c.notNull())
    .addColumn('announcement', 'text', (c) => c.notNull())
    .addColumn('mute_all', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('modified_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('groups_pk', ['app_id', 'id'])
    .execute();
  await db.schema.createIndex('groups_public').on('groups').columns(['app_id', 'public', 'id']).execute();
  await db.schema
    .createTable('group_members')
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('joined_at', 'bigint', (c) => c.notNull())
    .addColumn('mute_until', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('attrs', 'text')
    .addPrimaryKeyConstraint('group_members_pk', ['app_id', 'group_id', 'username'])
    .execute();
  await db.schema.createIndex('group_members_user').on('group_members').columns(['app_id', 'username']).execute();
}

async function groupLists(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('group_blocks')
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('group_blocks_pk', ['app_id', 'group_id', 'username'])
    .execute();
  await db.schema
    .createTable('group_requests')
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('group_requests_pk', ['app_id', 'group_id', 'username', 'kind'])
    .execute();
}

async function mentionsAndReceipts(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('messages')
    .addColumn('group_ack', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // One row per mentioned user (or '*' for ALL) per message: never one per group member.
  await db.schema
    .createTable('mentions')
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('conv', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('sender', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('mentions_pk', ['app_id', 'conv', 'seq', 'target'])
    .execute();
  await db.schema
    .createTable('group_receipts')
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('msg_id', 'text', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('ts', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('group_receipts_pk', ['app_id', 'msg_id', 'username'])
    .execute();
}

async function chatrooms(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('chatrooms')
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('max_users', 'integer', (c) => c.notNull())
    .addColumn('ext', 'text', (c) => c.notNull())
    .addColumn('announcement', 'text', (c) => c.notNull())
    .addColumn('mute_all', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('chatrooms_pk', ['app_id', 'id'])
    .execute();
  await db.schema
    .createTable('chatroom_lists')
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('room_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('until', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('chatroom_lists_pk', ['app_id', 'room_id', 'kind', 'username'])
    .execute();
  await db.schema
    .createTable('chatroom_super_admins')
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('chatroom_super_admins_pk', ['app_id', 'username'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const tables = ['chatroom_super_admins', 'chatroom_lists', 'chatrooms', 'group_receipts', 'mentions'];
  for (const t of [...tables, 'group_requests', 'group_blocks', 'group_members', 'groups'])
    await db.schema.dropTable(t).ifExists().execute();
  await db.schema.alterTable('messages').dropColumn('group_ack').execute();
}
