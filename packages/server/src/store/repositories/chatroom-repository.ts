import type { Kysely, Selectable } from 'kysely';
import type {
  ChatroomRecord,
  ChatroomRecordPatch,
  ChatroomRepository,
  RoomListKind,
} from '../../core/ports/chatrooms.js';
import type { ChatroomsTable, Database } from '../schema.js';

const toRoom = (r: Selectable<ChatroomsTable>): ChatroomRecord => ({
  appId: r.app_id,
  id: r.id,
  name: r.name,
  description: r.description,
  owner: r.owner,
  maxUsers: Number(r.max_users),
  ext: r.ext,
  announcement: r.announcement,
  muteAll: r.mute_all === 1,
  createdAt: Number(r.created_at),
});

function patchRow(p: ChatroomRecordPatch): Partial<ChatroomsTable> {
  const row: Partial<ChatroomsTable> = {
    name: p.name,
    description: p.description,
    owner: p.owner,
    max_users: p.maxUsers,
    ext: p.ext,
    announcement: p.announcement,
    mute_all: p.muteAll === undefined ? undefined : p.muteAll ? 1 : 0,
  };
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined)) as Partial<ChatroomsTable>;
}

export function chatroomRepository(db: Kysely<Database>): ChatroomRepository {
  const lists = (appId: string, id: string) =>
    db.deleteFrom('chatroom_lists').where('app_id', '=', appId).where('room_id', '=', id);
  return {
    async create(room) {
      await db
        .insertInto('chatrooms')
        .values({ ...patchRow(room), app_id: room.appId, id: room.id, created_at: room.createdAt } as ChatroomsTable)
        .execute();
    },
    async get(appId, id) {
      const r = await db
        .selectFrom('chatrooms')
        .selectAll()
        .where('app_id', '=', appId)
        .where('id', '=', id)
        .executeTakeFirst();
      return r && toRoom(r);
    },
    async update(appId, id, patch) {
      const row = patchRow(patch);
      if (Object.keys(row).length)
        await db.updateTable('chatrooms').set(row).where('app_id', '=', appId).where('id', '=', id).execute();
    },
    delete: (appId, id) =>
      db.transaction().execute(async (trx) => {
        await trx.deleteFrom('chatroom_lists').where('app_id', '=', appId).where('room_id', '=', id).execute();
        await trx.deleteFrom('chatrooms').where('app_id', '=', appId).where('id', '=', id).execute();
      }),
    async list(appId, offset, limit) {
      const rows = await db
        .selectFrom('chatrooms')
        .selectAll()
        .where('app_id', '=', appId)
        .orderBy('id')
        .offset(offset)
        .limit(limit)
        .execute();
      return rows.map(toRoom);
    },
    async lists(appId, id) {
      const rows = await db
        .selectFrom('chatroom_lists')
        .selectAll()
        .where('app_id', '=', appId)
        .where('room_id', '=', id)
        .execute();
      return rows.map((r) => ({ kind: r.kind as RoomListKind, user: r.username, until: Number(r.until) }));
    },
    async putList(appId, id, kind, users, until) {
      if (!users.length) return;
      await db
        .insertInto('chatroom_lists')
        .values(users.map((username) => ({ app_id: appId, room_id: id, kind, username, until })))
        .onConflict((oc) => oc.columns(['app_id', 'room_id', 'kind', 'username']).doUpdateSet({ until }))
        .execute();
    },
    async removeList(appId, id, kind, users) {
      if (users.length) await lists(appId, id).where('kind', '=', kind).where('username', 'in', users).execute();
    },
    async superAdmins(appId, offset, limit) {
      const rows = await db
        .selectFrom('chatroom_super_admins')
        .select('username')
        .where('app_id', '=', appId)
        .orderBy('username')
        .offset(offset)
        .limit(limit)
        .execute();
      return rows.map((r) => r.username);
    },
    async isSuperAdmin(appId, user) {
      const r = await db
        .selectFrom('chatroom_super_admins')
        .select('username')
        .where('app_id', '=', appId)
        .where('username', '=', user)
        .executeTakeFirst();
      return r !== undefined;
    },
    async addSuperAdmin(appId, user, at) {
      await db
        .insertInto('chatroom_super_admins')
        .values({ app_id: appId, username: user, created_at: at })
        .onConflict((oc) => oc.columns(['app_id', 'username']).doNothing())
        .execute();
    },
    async removeSuperAdmin(appId, user) {
      const r = await db
        .deleteFrom('chatroom_super_admins')
        .where('app_id', '=', appId)
        .where('username', '=', user)
        .executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}
