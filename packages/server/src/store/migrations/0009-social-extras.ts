/**
 * Group and chatroom extras: group allowlists (a member flag: leaving the group drops it), invitations
 * looked up by invitee (delivered when an offline user connects), and chatroom attributes.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('group_members')
    .addColumn('allowed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('group_requests_user')
    .on('group_requests')
    .columns(['app_id', 'username', 'kind'])
    .execute();
  await db.schema
    .createTable('chatroom_attrs')
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('room_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('chatroom_attrs_pk', ['app_id', 'room_id', 'key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('chatroom_attrs').ifExists().execute();
  await db.schema.dropIndex('group_requests_user').ifExists().execute();
  await db.schema.alterTable('group_members').dropColumn('allowed').execute();
}
