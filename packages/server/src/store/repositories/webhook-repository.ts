/** The webhook outbox: one row per (event, url), leased to one node at a time, deleted once delivered. */
import type { Kysely, Selectable } from 'kysely';
import type { OutboxRow, OutboxState, WebhookOutboxRepository } from '../../core/ports/webhooks.js';
import type { Database } from '../schema.js';
import type { WebhookOutboxTable } from '../schema-webhooks.js';

const toRow = (r: Selectable<WebhookOutboxTable>): OutboxRow => ({
  id: r.id,
  appId: r.app_id,
  eventId: r.event_id,
  type: r.type,
  url: r.url,
  payload: r.payload,
  state: r.state as OutboxState,
  attempts: Number(r.attempts),
  nextAttemptAt: Number(r.next_attempt_at),
  lastError: r.last_error,
  createdAt: Number(r.created_at),
});

/** Rows per INSERT: well under SQLite's and PostgreSQL's bound-parameter limits. */
const INSERT_CHUNK = 500;

export function webhookRepository(db: Kysely<Database>): WebhookOutboxRepository {
  return {
    async enqueue(rows) {
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        const values = rows.slice(i, i + INSERT_CHUNK).map((r) => ({
          id: r.id,
          app_id: r.appId,
          event_id: r.eventId,
          type: r.type,
          url: r.url,
          payload: r.payload,
          state: 'pending',
          attempts: 0,
          next_attempt_at: r.nextAttemptAt,
          lease_owner: null,
          lease_until: 0,
          last_error: null,
          created_at: r.createdAt,
        }));
        await db.insertInto('webhook_outbox').values(values).execute();
      }
    },
    async claim(owner, now, leaseUntil, limit) {
      const due = await db
        .selectFrom('webhook_outbox')
        .selectAll()
        .where('state', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .where('lease_until', '<=', now)
        .orderBy('next_attempt_at')
        .limit(limit)
        .execute();
      const mine: OutboxRow[] = [];
      for (const r of due) {
        // The condition is checked again by the UPDATE itself: of two nodes racing, one wins the row.
        const res = await db
          .updateTable('webhook_outbox')
          .set({ lease_owner: owner, lease_until: leaseUntil })
          .where('id', '=', r.id)
          .where('state', '=', 'pending')
          .where('lease_until', '<=', now)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) === 1) mine.push(toRow(r));
      }
      return mine;
    },
    async delivered(id) {
      await db.deleteFrom('webhook_outbox').where('id', '=', id).execute();
    },
    async failed(id, attempts, nextAttemptAt, error, dead) {
      await db
        .updateTable('webhook_outbox')
        .set({
          attempts,
          next_attempt_at: nextAttemptAt,
          last_error: error.slice(0, 500),
          state: dead ? 'dead' : 'pending',
          lease_owner: null,
          lease_until: 0,
        })
        .where('id', '=', id)
        .execute();
    },
    async listDead(appId, limit, before) {
      let q = db.selectFrom('webhook_outbox').selectAll().where('app_id', '=', appId).where('state', '=', 'dead');
      if (before !== undefined) q = q.where('id', '<', before);
      return (await q.orderBy('id', 'desc').limit(limit).execute()).map(toRow);
    },
    async revive(appId, id, now) {
      const res = await db
        .updateTable('webhook_outbox')
        .set({ state: 'pending', attempts: 0, next_attempt_at: now, lease_owner: null, lease_until: 0 })
        .where('app_id', '=', appId)
        .where('id', '=', id)
        .where('state', '=', 'dead')
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },
    async counts(appId) {
      const rows = await db
        .selectFrom('webhook_outbox')
        .select(['state', db.fn.countAll<number>().as('n')])
        .where('app_id', '=', appId)
        .groupBy('state')
        .execute();
      const of = (s: string) => Number(rows.find((r) => r.state === s)?.n ?? 0);
      return { pending: of('pending'), dead: of('dead') };
    },
    async drop(appId, id) {
      const res = await db
        .deleteFrom('webhook_outbox')
        .where('app_id', '=', appId)
        .where('id', '=', id)
        .where('state', '=', 'dead')
        .executeTakeFirst();
      return Number(res.numDeletedRows) === 1;
    },
    async committedAck(appId, from, cid) {
      const r = await db
        .selectFrom('messages')
        .select(['id', 'cid', 'conv', 'seq', 'ts'])
        .where('app_id', '=', appId)
        .where('sender', '=', from)
        .where('cid', '=', cid)
        .executeTakeFirst();
      return r && { id: r.id, cid: r.cid, conv: r.conv, seq: Number(r.seq), ts: Number(r.ts) };
    },
  };
}
