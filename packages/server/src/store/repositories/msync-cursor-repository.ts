import type { Kysely } from 'kysely';
import type { MsyncCursorRepository } from '../../core/ports/msync-cursors.js';
import type { Database } from '../schema.js';

export function msyncCursorRepository(db: Kysely<Database>): MsyncCursorRepository {
  return {
    async load(appId, user, resource) {
      const rows = await db
        .selectFrom('msync_cursors')
        .select(['conv', 'seq'])
        .where('app_id', '=', appId)
        .where('username', '=', user)
        .where('resource', '=', resource)
        .execute();
      return new Map(rows.map((r) => [r.conv, Number(r.seq)]));
    },
    async advance(appId, user, resource, conv, seq, at) {
      await db
        .insertInto('msync_cursors')
        .values({ app_id: appId, username: user, resource, conv, seq, updated_at: at })
        .onConflict((oc) =>
          oc
            .columns(['app_id', 'username', 'resource', 'conv'])
            .doUpdateSet({ seq, updated_at: at })
            .where('msync_cursors.seq', '<', seq),
        )
        .execute();
    },
    async removeUser(appId, user) {
      await db.deleteFrom('msync_cursors').where('app_id', '=', appId).where('username', '=', user).execute();
    },
  };
}
