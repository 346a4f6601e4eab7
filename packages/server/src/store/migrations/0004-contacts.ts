/** Contacts, profiles and presence: friend remarks, requests, the contact log, user attributes, presence. */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('relations').addColumn('remark', 'text').execute();
  await db.schema
    .createTable('contact_requests')
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('to_user', 'text', (c) => c.notNull())
    .addColumn('from_user', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('contact_requests_pk', ['app_id', 'to_user', 'from_user'])
    .execute();
  await db.schema
    .createIndex('contact_requests_from')
    .on('contact_requests')
    .columns(['app_id', 'from_user'])
    .execute();
  await contactLog(db);
  await profilesAndPresence(db);
}

async function contactLog(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('contact_events')
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('op', 'text', (c) => c.notNull())
    .addColumn('peer', 'text', (c) => c.notNull())
    .addColumn('message', 'text')
    .addColumn('ts', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('contact_events_pk', ['app_id', 'username', 'seq'])
    .execute();
  await db.schema
    .createTable('contact_cursors')
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('last_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('seen_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('contact_cursors_pk', ['app_id', 'username'])
    .execute();
}

async function profilesAndPresence(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('user_profiles')
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('attrs', 'text', (c) => c.notNull())
    .addColumn('modified_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_profiles_pk', ['app_id', 'username'])
    .execute();
  await db.schema
    .createTable('presence_status')
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('ext', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('presence_status_pk', ['app_id', 'username'])
    .execute();
  await db.schema
    .createTable('presence_subs')
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('subscriber', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('presence_subs_pk', ['app_id', 'subscriber', 'target'])
    .execute();
  // Fan-out asks "who watches this user": by target, not by subscriber.
  await db.schema
    .createIndex('presence_subs_target')
    .on('presence_subs')
    .columns(['app_id', 'target', 'expires_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'presence_subs',
    'presence_status',
    'user_profiles',
    'contact_cursors',
    'contact_events',
    'contact_requests',
  ])
    await db.schema.dropTable(t).ifExists().execute();
  await db.schema.alterTable('relations').dropColumn('remark').execute();
}
