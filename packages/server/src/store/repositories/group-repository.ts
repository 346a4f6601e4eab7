import type { Kysely, Transaction } from 'kysely';
import type { GroupRepository } from '../../core/ports/groups.js';
import type { Database } from '../schema.js';
import { addMembers } from './group-member-repository.js';
import { groupConv, groupPatchRow, groupRow, toGroup } from './group-rows.js';

const CHUNK = 500;

export function groupRepository(db: Kysely<Database>): GroupRepository {
  return {
    create: (group, members) =>
      db.transaction().execute(async (trx) => {
        await trx.insertInto('groups').values(groupRow(group)).execute();
        await trx
          .insertInto('conversations')
          .values({
            app_id: group.appId,
            conv: groupConv(group.id),
            chat: 'group',
            last_seq: 0,
            last_ts: 0,
            last_msg_id: null,
          })
          .execute();
        await addMembers(trx, group.appId, group.id, members);
      }),
    async get(appId, id) {
      const r = await db
        .selectFrom('groups')
        .selectAll()
        .where('app_id', '=', appId)
        .where('id', '=', id)
        .executeTakeFirst();
      return r && toGroup(r);
    },
    async update(appId, id, patch) {
      const row = groupPatchRow(patch);
      if (Object.keys(row).length)
        await db.updateTable('groups').set(row).where('app_id', '=', appId).where('id', '=', id).execute();
    },
    delete: (appId, id) => db.transaction().execute((trx) => deleteGroup(trx, appId, id)),
    async list(appId, afterId, limit) {
      let q = db.selectFrom('groups').selectAll().where('app_id', '=', appId);
      if (afterId !== undefined) q = q.where('id', '>', afterId);
      return (await q.orderBy('id').limit(limit).execute()).map(toGroup);
    },
    async listPublic(appId, beforeId, limit) {
      let q = db.selectFrom('groups').selectAll().where('app_id', '=', appId).where('public', '=', 1);
      if (beforeId !== undefined) q = q.where('id', '<', beforeId);
      return (await q.orderBy('id', 'desc').limit(limit).execute()).map(toGroup);
    },
    async memberCounts(appId, ids) {
      const out = new Map<string, number>();
      for (let i = 0; i < ids.length; i += CHUNK) {
        const rows = await db
          .selectFrom('group_members')
          .select(['group_id', (eb) => eb.fn.countAll<number>().as('n')])
          .where('app_id', '=', appId)
          .where('group_id', 'in', ids.slice(i, i + CHUNK))
          .groupBy('group_id')
          .execute();
        for (const r of rows) out.set(r.group_id, Number(r.n));
      }
      return out;
    },
  };
}

async function deleteGroup(trx: Transaction<Database>, appId: string, id: string): Promise<void> {
  const conv = groupConv(id);
  for (const t of ['group_members', 'group_blocks', 'group_requests'] as const)
    await trx.deleteFrom(t).where('app_id', '=', appId).where('group_id', '=', id).execute();
  await trx
    .deleteFrom('group_receipts')
    .where('app_id', '=', appId)
    .where('msg_id', 'in', trx.selectFrom('messages').select('id').where('app_id', '=', appId).where('conv', '=', conv))
    .execute();
  for (const t of ['user_conversations', 'conversations', 'messages', 'mentions'] as const)
    await trx.deleteFrom(t).where('app_id', '=', appId).where('conv', '=', conv).execute();
  await trx.deleteFrom('groups').where('app_id', '=', appId).where('id', '=', id).execute();
}
