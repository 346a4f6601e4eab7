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
    async pendingFor(appId, user, kind, limit) {
      let q = db
        .selectFrom('group_requests as r')
        .innerJoin('groups as g', (j) => j.onRef('g.app_id', '=', 'r.app_id').onRef('g.id', '=', 'r.group_id'))
        .selectAll('r')
        .select('g.name')
        .where('r.app_id', '=', appId)
        .where('r.kind', '=', kind);
      if (kind === 'invite') q = q.where('r.username', '=', user);
      else
        q = q.where(({ exists, selectFrom }) =>
          exists(
            selectFrom('group_members as m')
              .select('m.username')
              .whereRef('m.app_id', '=', 'r.app_id')
              .whereRef('m.group_id', '=', 'r.group_id')
              .where('m.username', '=', user)
              .where('m.role', 'in', ['owner', 'admin']),
          ),
        );
      const rows = await q.orderBy('r.created_at').orderBy('r.group_id').limit(limit).execute();
      return rows.map((r) => ({
        groupId: r.group_id,
        name: r.name,
        user: r.username,
        kind: r.kind as GroupRequest['kind'],
        actor: r.actor,
        message: r.message,
        createdAt: Number(r.created_at),
      }));
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
