/** The writes of one contact change, inside its transaction: relations, requests, log entries. */
import type { Transaction } from 'kysely';
import type { ContactEvent, ContactOp } from '@pigeon/protocol';
import type { ContactMutation, NewContactEvent } from '../../core/ports/contacts.js';
import type { Database } from '../schema.js';

type Trx = Transaction<Database>;

/** How many log entries a user keeps; a device away for longer resyncs its contact list instead. */
export const CONTACT_LOG_KEEP = 500;

const MUTATORS: {
  [T in ContactMutation['t']]: (
    trx: Trx,
    appId: string,
    m: Extract<ContactMutation, { t: T }>,
    at: number,
  ) => Promise<void>;
} = {
  befriend: async (trx, appId, m, at) => {
    await trx
      .insertInto('relations')
      .values([
        { app_id: appId, owner: m.a, peer: m.b, kind: 'friend', created_at: at },
        { app_id: appId, owner: m.b, peer: m.a, kind: 'friend', created_at: at },
      ])
      .onConflict((oc) => oc.columns(['app_id', 'owner', 'kind', 'peer']).doNothing())
      .execute();
  },
  unfriend: async (trx, appId, m) => {
    await trx
      .deleteFrom('relations')
      .where('app_id', '=', appId)
      .where('kind', '=', 'friend')
      .where((eb) =>
        eb.or([
          eb.and([eb('owner', '=', m.a), eb('peer', '=', m.b)]),
          eb.and([eb('owner', '=', m.b), eb('peer', '=', m.a)]),
        ]),
      )
      .execute();
  },
  request: async (trx, appId, m, at) => {
    await trx
      .insertInto('contact_requests')
      .values({ app_id: appId, to_user: m.to, from_user: m.from, message: m.message, created_at: at })
      .onConflict((oc) =>
        oc.columns(['app_id', 'to_user', 'from_user']).doUpdateSet({ message: m.message, created_at: at }),
      )
      .execute();
  },
  dropRequest: async (trx, appId, m) => {
    await trx
      .deleteFrom('contact_requests')
      .where('app_id', '=', appId)
      .where('to_user', '=', m.to)
      .where('from_user', '=', m.from)
      .execute();
  },
};

export async function mutate(trx: Trx, appId: string, m: ContactMutation, at: number): Promise<void> {
  await (MUTATORS[m.t] as (trx: Trx, appId: string, m: ContactMutation, at: number) => Promise<void>)(
    trx,
    appId,
    m,
    at,
  );
}

/** Takes the user's next log seq (UPDATE ... RETURNING: race-free on PostgreSQL too). */
async function nextSeq(trx: Trx, appId: string, user: string): Promise<number> {
  await trx
    .insertInto('contact_cursors')
    .values({ app_id: appId, username: user, last_seq: 0, seen_seq: 0 })
    .onConflict((oc) => oc.columns(['app_id', 'username']).doNothing())
    .execute();
  const row = await trx
    .updateTable('contact_cursors')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
    .where('app_id', '=', appId)
    .where('username', '=', user)
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  return Number(row.last_seq);
}

export async function appendEvent(trx: Trx, appId: string, e: NewContactEvent, ts: number): Promise<ContactEvent> {
  const seq = await nextSeq(trx, appId, e.user);
  await trx
    .insertInto('contact_events')
    .values({ app_id: appId, username: e.user, seq, op: e.op, peer: e.peer, message: e.message ?? null, ts })
    .execute();
  await trx
    .deleteFrom('contact_events')
    .where('app_id', '=', appId)
    .where('username', '=', e.user)
    .where('seq', '<=', seq - CONTACT_LOG_KEEP)
    .execute();
  return toEvent({ username: e.user, seq, op: e.op, peer: e.peer, message: e.message ?? null, ts });
}

export function toEvent(r: {
  username: string;
  seq: number;
  op: string;
  peer: string;
  message: string | null;
  ts: number;
}): ContactEvent {
  const e: ContactEvent = { seq: Number(r.seq), op: r.op as ContactOp, from: r.peer, to: r.username, ts: Number(r.ts) };
  if (r.message !== null) e.message = r.message;
  return e;
}
