import type { Kysely } from 'kysely';
import type { GroupListRepository, GroupRequest } from '../../core/ports/groups.js';
import type { Database } from '../schema.js';

export function groupListRepository(db: Kysely<Database>): GroupListRepository {
  return {
    async block(appId, groupId, users, at) {
      if (!users.length) return;
      await db
        .insertInto('group_blocks')
        .values(users.map((username) => ({ app_id: appId, group_id: groupId, username, created_at: at })))
        .onConflict((oc) => oc.columns(['app_id', 'group_id', 'username']).doNothing())
        .execute();
    },
    async unblock(appId, groupId, users) {
      if (!users.length) return;
      await db
        .deleteFrom('group_blocks')
        .where('app_id', '=', appId)
        .where('group_id', '=', groupId)
        .where('username', 'in', users)
        .execute();
    },
    async blocked(appId, groupId) {
      const rows = await db
        .selectFrom('group_blocks')
        .select('username')
        .where('app_id', '=', appId)
        .where('group_id', '=', groupId)
        .orderBy('username')
        .execute();
      return rows.map((r) => r.username);
    },
    async putRequest(appId, groupId, r) {
      const row = {
        app_id: appId,
        group_id: groupId,
        username: r.user,
        kind: r.kind,
        actor: r.actor,
        message: r.message,
        created_at: r.createdAt,
      };
      await db
        .insertInto('group_requests')
        .values(row)
        .onConflict((oc) =>
          oc
            .columns(['app_id', 'group_id', 'username', 'kind'])
            .doUpdateSet({ actor: r.actor, message: r.message, created_at: r.createdAt }),
        )
        .execute();
    },
    async takeRequest(appId, groupId, user, kind) {
      const where = db
        .selectFrom('group_requests')
        .selectAll()
        .where('app_id', '=', appId)
        .where('group_id', '=', groupId)
        .where('username', '=', user)
        .where('kind', '=', kind);
      const r = await where.executeTakeFirst();
      if (!r) return undefined;
      await db
        .deleteFrom('group_requests')
        .where('app_id', '=', appId)
        .where('group_id', '=', groupId)
        .where('username', '=', user)
        .where('kind', '=', kind)
        .execute();
      return {
        user: r.username,
        kind: r.kind as GroupRequest['kind'],
        actor: r.actor,
        message: r.message,
        createdAt: Number(r.created_at),
      };
    },
    async addReceipt(appId, msgId, user, ts) {
      const r = await db
        .insertInto('group_receipts')
        .values({ app_id: appId, msg_id: msgId, username: user, ts })
        .onConflict((oc) => oc.columns(['app_id', 'msg_id', 'username']).doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async readers(appId, msgId) {
      const rows = await db
        .selectFrom('group_receipts')
        .select('username')
        .where('app_id', '=', appId)
        .where('msg_id', '=', msgId)
        .orderBy('ts')
        .orderBy('username')
        .execute();
      return rows.map((r) => r.username);
    },
  };
}
