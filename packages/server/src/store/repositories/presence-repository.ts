import type { Kysely } from 'kysely';
import type { PresenceRepository } from '../../core/ports/presence.js';
import type { Database } from '../schema.js';
import { precompiled, slot } from './precompiled.js';

export function presenceRepository(db: Kysely<Database>): PresenceRepository {
  const subs = (appId: string, subscriber: string, now: number) =>
    db
      .selectFrom('presence_subs')
      .where('app_id', '=', appId)
      .where('subscriber', '=', subscriber)
      .where('expires_at', '>', now);
  // Read at every sign-in and sign-out (whom to tell).
  const subscribers = precompiled(db, () =>
    db
      .selectFrom('presence_subs')
      .select(['subscriber', 'expires_at'])
      .where('app_id', '=', slot(0))
      .where('target', '=', slot(1))
      .where('expires_at', '>', slot<number>(2)),
  );
  return {
    async statuses(appId, users) {
      if (users.length === 0) return new Map();
      const rows = await db
        .selectFrom('presence_status')
        .select(['username', 'ext', 'updated_at'])
        .where('app_id', '=', appId)
        .where('username', 'in', users)
        .execute();
      return new Map(rows.map((r) => [r.username, { ext: r.ext, updatedAt: Number(r.updated_at) }]));
    },
    async setStatus(appId, user, ext, at) {
      await db
        .insertInto('presence_status')
        .values({ app_id: appId, username: user, ext, updated_at: at })
        .onConflict((oc) => oc.columns(['app_id', 'username']).doUpdateSet({ ext, updated_at: at }))
        .execute();
    },
    async subscribe(appId, subscriber, targets, expiresAt, now) {
      await db.transaction().execute(async (trx) => {
        await trx
          .deleteFrom('presence_subs')
          .where('app_id', '=', appId)
          .where('subscriber', '=', subscriber)
          .where('expires_at', '<=', now)
          .execute();
        if (targets.length === 0) return;
        await trx
          .insertInto('presence_subs')
          .values(targets.map((target) => ({ app_id: appId, subscriber, target, expires_at: expiresAt })))
          .onConflict((oc) => oc.columns(['app_id', 'subscriber', 'target']).doUpdateSet({ expires_at: expiresAt }))
          .execute();
      });
    },
    async unsubscribe(appId, subscriber, targets) {
      if (targets.length === 0) return;
      await db
        .deleteFrom('presence_subs')
        .where('app_id', '=', appId)
        .where('subscriber', '=', subscriber)
        .where('target', 'in', targets)
        .execute();
    },
    async subscriptions(appId, subscriber, now, offset, limit) {
      const rows = await subs(appId, subscriber, now)
        .select(['target', 'expires_at'])
        .orderBy('target')
        .limit(limit)
        .offset(offset)
        .execute();
      const count = await subs(appId, subscriber, now)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      return {
        subs: rows.map((r) => ({ user: r.target, expiresAt: Number(r.expires_at) })),
        total: Number(count?.n ?? 0),
      };
    },
    async expiries(appId, subscriber, targets, now) {
      if (targets.length === 0) return new Map();
      const rows = await subs(appId, subscriber, now)
        .select(['target', 'expires_at'])
        .where('target', 'in', targets)
        .execute();
      return new Map(rows.map((r) => [r.target, Number(r.expires_at)]));
    },
    async subscribersOf(appId, target, now) {
      const rows = await subscribers(appId, target, now);
      return rows.map((r) => ({ user: r.subscriber, expiresAt: Number(r.expires_at) }));
    },
    async removeUser(appId, user) {
      await db
        .deleteFrom('presence_subs')
        .where('app_id', '=', appId)
        .where((eb) => eb.or([eb('subscriber', '=', user), eb('target', '=', user)]))
        .execute();
      await db.deleteFrom('presence_status').where('app_id', '=', appId).where('username', '=', user).execute();
    },
  };
}
