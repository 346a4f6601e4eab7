/** Chat files (issue 5) and the messages that reference them. */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('files')
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('uuid', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('restricted', 'integer', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('duration', 'real')
    .addColumn('thumb', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('touched_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('files_pk', ['app_id', 'uuid'])
    .execute();
  await db.schema.createIndex('files_touched').on('files').columns(['app_id', 'touched_at']).execute();
  await db.schema
    .createTable('file_refs')
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('file_uuid', 'text', (c) => c.notNull())
    .addColumn('msg_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('file_refs_pk', ['app_id', 'file_uuid', 'msg_id'])
    .execute();
  await db.schema.createIndex('file_refs_msg').on('file_refs').columns(['app_id', 'msg_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('file_refs').ifExists().execute();
  await db.schema.dropTable('files').ifExists().execute();
}
