import type { Kysely } from 'kysely';
import type { ChatroomAttrRepository } from '../../core/ports/chatroom-attrs.js';
import type { Database } from '../schema.js';

export function chatroomAttrRepository(db: Kysely<Database>): ChatroomAttrRepository {
  return {
    async all(appId, roomId) {
      return db
        .selectFrom('chatroom_attrs')
        .select(['key', 'value', 'owner'])
        .where('app_id', '=', appId)
        .where('room_id', '=', roomId)
        .orderBy('key')
        .execute();
    },
    async put(appId, roomId, attrs, at) {
      if (!attrs.length) return;
      const rows = attrs.map((a) => ({ app_id: appId, room_id: roomId, ...a, updated_at: at }));
      await db
        .insertInto('chatroom_attrs')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['app_id', 'room_id', 'key']).doUpdateSet((eb) => ({
            value: eb.ref('excluded.value'),
            owner: eb.ref('excluded.owner'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    },
    async remove(appId, roomId, keys) {
      if (!keys.length) return;
      await db
        .deleteFrom('chatroom_attrs')
        .where('app_id', '=', appId)
        .where('room_id', '=', roomId)
        .where('key', 'in', keys)
        .execute();
    },
  };
}
