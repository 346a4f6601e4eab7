import type { Kysely } from 'kysely';
import type { ContactRepository } from '../../core/ports/contacts.js';
import type { Database } from '../schema.js';
import { appendEvent, mutate, toEvent } from './contact-mutations.js';

export function contactRepository(db: Kysely<Database>): ContactRepository {
  return {
    async request(appId, from, to) {
      const r = await db
        .selectFrom('contact_requests')
        .selectAll()
        .where('app_id', '=', appId)
        .where('to_user', '=', to)
        .where('from_user', '=', from)
        .executeTakeFirst();
      return r && { from: r.from_user, to: r.to_user, message: r.message, createdAt: Number(r.created_at) };
    },
    apply(appId, mutations, events, at) {
      return db.transaction().execute(async (trx) => {
        for (const m of mutations) await mutate(trx, appId, m, at);
        const out = [];
        for (const e of events) out.push(await appendEvent(trx, appId, e, at));
        return out;
      });
    },
    async events(appId, user, afterSeq, limit) {
      const rows = await db
        .selectFrom('contact_events')
        .selectAll()
        .where('app_id', '=', appId)
        .where('username', '=', user)
        .where('seq', '>', afterSeq)
        .orderBy('seq')
        .limit(limit)
        .execute();
      return rows.map(toEvent);
    },
    async cursor(appId, user) {
      const r = await db
        .selectFrom('contact_cursors')
        .select(['last_seq', 'seen_seq'])
        .where('app_id', '=', appId)
        .where('username', '=', user)
        .executeTakeFirst();
      return { lastSeq: Number(r?.last_seq ?? 0), seenSeq: Number(r?.seen_seq ?? 0) };
    },
    async acknowledge(appId, user, seq) {
      await db
        .updateTable('contact_cursors')
        .set({ seen_seq: seq })
        .where('app_id', '=', appId)
        .where('username', '=', user)
        .where('seen_seq', '<', seq)
        .where('last_seq', '>=', seq)
        .execute();
    },
    async removeUser(appId, user) {
      await db.deleteFrom('contact_events').where('app_id', '=', appId).where('username', '=', user).execute();
      await db.deleteFrom('contact_cursors').where('app_id', '=', appId).where('username', '=', user).execute();
    },
  };
}
