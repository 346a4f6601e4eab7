/** Apps, users, relations, conversations and messages: written with the schema builder, so portable. */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const s = db.schema;
  await s
    .createTable('apps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('client_secret', 'text', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('apps_org_name', ['org', 'name'])
    .execute();
  await s
    .createTable('users')
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('uuid', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('nickname', 'text')
    .addColumn('activated', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('token_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('revoked_before', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('modified_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('users_pk', ['app_id', 'username'])
    .execute();
  await s
    .createTable('relations')
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('peer', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('relations_pk', ['app_id', 'owner', 'kind', 'peer'])
    .execute();
  await s.createIndex('relations_peer').on('relations').columns(['app_id', 'peer']).execute();
  await conversations(db);
  await messages(db);
}

async function conversations(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('conversations')
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('conv', 'text', (c) => c.notNull())
    .addColumn('chat', 'text', (c) => c.notNull())
    .addColumn('last_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('last_ts', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('last_msg_id', 'text')
    .addPrimaryKeyConstraint('conversations_pk', ['app_id', 'conv'])
    .execute();
  await db.schema
    .createTable('user_conversations')
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('conv', 'text', (c) => c.notNull())
    .addColumn('read_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('cleared_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('hidden_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('user_conversations_pk', ['app_id', 'username', 'conv'])
    .execute();
}

async function messages(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('messages')
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('conv', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('cid', 'text', (c) => c.notNull())
    .addColumn('sender', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('chat', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('ext', 'text')
    .addColumn('ts', 'bigint', (c) => c.notNull())
    .addColumn('recalled', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('messages_pk', ['app_id', 'conv', 'seq'])
    .execute();
  // Dedup of retried sends (DESIGN.md rule 3) is enforced by the database, not only by code.
  await db.schema.createIndex('messages_dedup').unique().on('messages').columns(['app_id', 'sender', 'cid']).execute();
  await db.schema.createIndex('messages_id').unique().on('messages').columns(['app_id', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['messages', 'user_conversations', 'conversations', 'relations', 'users', 'apps']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
