import type { Kysely } from 'kysely';
import type { RelationRepository } from '../../core/ports/relations.js';
import type { Database } from '../schema.js';
import { precompiled, slot } from './precompiled.js';

export function relationRepository(db: Kysely<Database>): RelationRepository {
  const rows = (appId: string, owner: string, kind: string) =>
    db.selectFrom('relations').where('app_id', '=', appId).where('owner', '=', owner).where('kind', '=', kind);
  // The send path's block check (through the recipient cache).
  const hasOne = precompiled(db, () => rows(slot(0), slot(1), slot(2)).select('owner').where('peer', '=', slot(3)));
  return {
    async add(appId, owner, peer, kind, at) {
      await db
        .insertInto('relations')
        .values({ app_id: appId, owner, peer, kind, created_at: at })
        .onConflict((oc) => oc.columns(['app_id', 'owner', 'kind', 'peer']).doNothing())
        .execute();
    },
    async remove(appId, owner, peer, kind) {
      await db
        .deleteFrom('relations')
        .where('app_id', '=', appId)
        .where('owner', '=', owner)
        .where('kind', '=', kind)
        .where('peer', '=', peer)
        .execute();
    },
    async has(appId, owner, peer, kind) {
      return (await hasOne(appId, owner, kind, peer)).length > 0;
    },
    async list(appId, owner, kind, afterPeer, limit) {
      let q = rows(appId, owner, kind).select(['peer', 'remark', 'created_at']);
      if (afterPeer !== undefined) q = q.where('peer', '>', afterPeer);
      const found = await q.orderBy('peer').limit(limit).execute();
      return found.map((r) => ({ peer: r.peer, remark: r.remark ?? '', createdAt: Number(r.created_at) }));
    },
    async count(appId, owner, kind) {
      const r = await rows(appId, owner, kind)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      return Number(r?.n ?? 0);
    },
    async setRemark(appId, owner, peer, remark) {
      const r = await db
        .updateTable('relations')
        .set({ remark })
        .where('app_id', '=', appId)
        .where('owner', '=', owner)
        .where('kind', '=', 'friend')
        .where('peer', '=', peer)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async removeUser(appId, user) {
      await db
        .deleteFrom('relations')
        .where('app_id', '=', appId)
        .where((eb) => eb.or([eb('owner', '=', user), eb('peer', '=', user)]))
        .execute();
      await db
        .deleteFrom('contact_requests')
        .where('app_id', '=', appId)
        .where((eb) => eb.or([eb('to_user', '=', user), eb('from_user', '=', user)]))
        .execute();
    },
  };
}
