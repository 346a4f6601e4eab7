import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import type { FileKind } from '../../core/files/file-settings.js';
import type { FileRecord, FileRepository } from '../../core/ports/files.js';
import type { Database, FilesTable } from '../schema.js';

function toRecord(r: Selectable<FilesTable>): FileRecord {
  const f: FileRecord = {
    appId: r.app_id,
    uuid: r.uuid,
    secret: r.secret,
    restricted: r.restricted === 1,
    owner: r.owner,
    kind: r.kind as FileKind,
    mime: r.mime,
    name: r.name,
    size: Number(r.size),
    sha256: r.sha256,
    createdAt: Number(r.created_at),
    touchedAt: Number(r.touched_at),
  };
  if (r.width !== null) f.width = r.width;
  if (r.height !== null) f.height = r.height;
  if (r.duration !== null) f.duration = r.duration;
  if (r.thumb !== null) f.thumb = JSON.parse(r.thumb) as NonNullable<FileRecord['thumb']>;
  return f;
}

export function fileRepository(db: Kysely<Database>): FileRepository {
  const unreferenced = (appId: string) => (eb: ExpressionBuilder<Database, 'files'>) =>
    eb.not(
      eb.exists(
        eb
          .selectFrom('file_refs')
          .select('file_refs.msg_id')
          .where('file_refs.app_id', '=', appId)
          .whereRef('file_refs.file_uuid', '=', 'files.uuid'),
      ),
    );
  return {
    async insert(f) {
      await db
        .insertInto('files')
        .values({
          app_id: f.appId,
          uuid: f.uuid,
          secret: f.secret,
          restricted: f.restricted ? 1 : 0,
          owner: f.owner,
          kind: f.kind,
          mime: f.mime,
          name: f.name,
          size: f.size,
          sha256: f.sha256,
          width: f.width ?? null,
          height: f.height ?? null,
          duration: f.duration ?? null,
          thumb: f.thumb ? JSON.stringify(f.thumb) : null,
          created_at: f.createdAt,
          touched_at: f.touchedAt,
        })
        .execute();
    },
    async get(appId, uuid) {
      const r = await db
        .selectFrom('files')
        .selectAll()
        .where('app_id', '=', appId)
        .where('uuid', '=', uuid)
        .executeTakeFirst();
      return r && toRecord(r);
    },
    async touch(appId, uuids, ts) {
      if (!uuids.length) return [];
      const rows = await db
        .updateTable('files')
        .set({ touched_at: ts })
        .where('app_id', '=', appId)
        .where('uuid', 'in', uuids)
        .returning('uuid')
        .execute();
      return rows.map((r) => r.uuid);
    },
    async release(appId, msgIds, ts) {
      await db.transaction().execute(async (trx) => {
        const refs = await trx
          .deleteFrom('file_refs')
          .where('app_id', '=', appId)
          .where('msg_id', 'in', msgIds)
          .returning('file_uuid')
          .execute();
        const uuids = [...new Set(refs.map((r) => r.file_uuid))];
        if (uuids.length)
          await trx
            .updateTable('files')
            .set({ touched_at: ts })
            .where('app_id', '=', appId)
            .where('uuid', 'in', uuids)
            .execute();
      });
    },
    async refCount(appId, uuid) {
      const r = await db
        .selectFrom('file_refs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('app_id', '=', appId)
        .where('file_uuid', '=', uuid)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async orphans(appId, before, limit) {
      const rows = await db
        .selectFrom('files')
        .selectAll()
        .where('app_id', '=', appId)
        .where('touched_at', '<=', before)
        .where(unreferenced(appId))
        .limit(limit)
        .execute();
      return rows.map(toRecord);
    },
    async delete(appId, uuid, orphanBefore) {
      let q = db.deleteFrom('files').where('app_id', '=', appId).where('uuid', '=', uuid);
      if (orphanBefore !== undefined) q = q.where('touched_at', '<=', orphanBefore).where(unreferenced(appId));
      const r = await q.executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}
