import type { Kysely } from 'kysely';
import type { SocialUserRepository } from '../../core/ports/social-users.js';
import type { Database } from '../schema.js';

export function socialUserRepository(db: Kysely<Database>): SocialUserRepository {
  const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id);
  return {
    async ownedGroups(appId, user) {
      const q = db.selectFrom('groups').select('id').where('app_id', '=', appId).where('owner', '=', user);
      return ids(await q.orderBy('id').execute());
    },
    async ownedRooms(appId, user) {
      const q = db.selectFrom('chatrooms').select('id').where('app_id', '=', appId).where('owner', '=', user);
      return ids(await q.orderBy('id').execute());
    },
    async memberOf(appId, user) {
      const rows = await db
        .selectFrom('group_members')
        .select('group_id as id')
        .where('app_id', '=', appId)
        .where('username', '=', user)
        .orderBy('group_id')
        .execute();
      return ids(rows);
    },
    async roomLists(appId, user) {
      const rows = await db
        .selectFrom('chatroom_lists')
        .select(['room_id', 'kind'])
        .where('app_id', '=', appId)
        .where('username', '=', user)
        .orderBy('room_id')
        .execute();
      return rows.map((r) => ({ roomId: r.room_id, kind: r.kind }));
    },
    forget: (appId, user) =>
      db.transaction().execute(async (trx) => {
        await trx
          .deleteFrom('group_requests')
          .where('app_id', '=', appId)
          .where((eb) => eb.or([eb('username', '=', user), eb('actor', '=', user)]))
          .execute();
        for (const t of ['group_blocks', 'chatroom_lists', 'chatroom_super_admins'] as const)
          await trx.deleteFrom(t).where('app_id', '=', appId).where('username', '=', user).execute();
        await trx.deleteFrom('chatroom_attrs').where('app_id', '=', appId).where('owner', '=', user).execute();
      }),
  };
}
