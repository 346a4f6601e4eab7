import type { Kysely } from 'kysely';
import type { RelationRepository } from '../../core/ports/relations.js';
import type { Database } from '../schema.js';

export function relationRepository(db: Kysely<Database>): RelationRepository {
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
      const r = await db
        .selectFrom('relations')
        .select('owner')
        .where('app_id', '=', appId)
        .where('owner', '=', owner)
        .where('kind', '=', kind)
        .where('peer', '=', peer)
        .executeTakeFirst();
      return r !== undefined;
    },
    async removeUser(appId, user) {
      await db
        .deleteFrom('relations')
        .where('app_id', '=', appId)
        .where((eb) => eb.or([eb('owner', '=', user), eb('peer', '=', user)]))
        .execute();
    },
  };
}
