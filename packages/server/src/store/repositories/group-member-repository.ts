import type { GroupRole } from '@pigeon/protocol';
import type { Kysely, Transaction } from 'kysely';
import type { GroupMemberRepository, MemberRecord } from '../../core/ports/groups.js';
import type { Database } from '../schema.js';
import { groupConv, memberRow, toGroup, toMember } from './group-rows.js';

type Db = Kysely<Database> | Transaction<Database>;
const CHUNK = 200;

/**
 * New members start reading after the group's newest message: read, cleared and hidden positions all
 * at last_seq, so history before they joined is not theirs and the conversation appears with the
 * next message.
 */
export async function addMembers(db: Db, appId: string, groupId: string, members: MemberRecord[]): Promise<void> {
  if (!members.length) return;
  const conv = groupConv(groupId);
  const c = await db
    .selectFrom('conversations')
    .select('last_seq')
    .where('app_id', '=', appId)
    .where('conv', '=', conv)
    .executeTakeFirst();
  const at = Number(c?.last_seq ?? 0);
  const users = members.map((m) => m.user);
  for (let i = 0; i < members.length; i += CHUNK) {
    const part = members.slice(i, i + CHUNK);
    const names = users.slice(i, i + CHUNK);
    await db
      .insertInto('group_members')
      .values(part.map((m) => memberRow(appId, groupId, m)))
      .execute();
    await db
      .deleteFrom('user_conversations')
      .where('app_id', '=', appId)
      .where('conv', '=', conv)
      .where('username', 'in', names)
      .execute();
    await db
      .insertInto('user_conversations')
      .values(
        names.map((username) => ({ app_id: appId, username, conv, read_seq: at, cleared_seq: at, hidden_seq: at })),
      )
      .execute();
    await db
      .deleteFrom('group_requests')
      .where('app_id', '=', appId)
      .where('group_id', '=', groupId)
      .where('username', 'in', names)
      .execute();
  }
}

export function groupMemberRepository(db: Kysely<Database>): GroupMemberRepository {
  return {
    async all(appId, groupId) {
      const rows = await db
        .selectFrom('group_members')
        .selectAll()
        .where('app_id', '=', appId)
        .where('group_id', '=', groupId)
        .orderBy('joined_at')
        .orderBy('username')
        .execute();
      return rows.map(toMember);
    },
    add: (appId, groupId, members) => db.transaction().execute((trx) => addMembers(trx, appId, groupId, members)),
    remove: (appId, groupId, users) =>
      db.transaction().execute(async (trx) => {
        for (let i = 0; i < users.length; i += CHUNK) {
          const names = users.slice(i, i + CHUNK);
          await trx
            .deleteFrom('group_members')
            .where('app_id', '=', appId)
            .where('group_id', '=', groupId)
            .where('username', 'in', names)
            .execute();
          await trx
            .deleteFrom('user_conversations')
            .where('app_id', '=', appId)
            .where('conv', '=', groupConv(groupId))
            .where('username', 'in', names)
            .execute();
        }
      }),
    async update(appId, groupId, user, patch) {
      const set = {
        ...(patch.role !== undefined ? { role: patch.role } : {}),
        ...(patch.muteUntil !== undefined ? { mute_until: patch.muteUntil } : {}),
        ...(patch.allowed !== undefined ? { allowed: patch.allowed ? 1 : 0 } : {}),
        ...(patch.attrs !== undefined
          ? { attrs: Object.keys(patch.attrs).length ? JSON.stringify(patch.attrs) : null }
          : {}),
      };
      if (!Object.keys(set).length) return;
      await db
        .updateTable('group_members')
        .set(set)
        .where('app_id', '=', appId)
        .where('group_id', '=', groupId)
        .where('username', '=', user)
        .execute();
    },
    async joined(appId, user, offset, limit) {
      const base = db
        .selectFrom('group_members as m')
        .innerJoin('groups as g', (j) => j.onRef('g.app_id', '=', 'm.app_id').onRef('g.id', '=', 'm.group_id'))
        .where('m.app_id', '=', appId)
        .where('m.username', '=', user);
      const rows = await base.selectAll('g').select('m.role').orderBy('g.id').offset(offset).limit(limit).execute();
      const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return { groups: rows.map((r) => ({ ...toGroup(r), role: r.role as GroupRole })), total: Number(total.n) };
    },
  };
}
