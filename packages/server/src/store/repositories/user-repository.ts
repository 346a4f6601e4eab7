import type { Kysely, Selectable, Updateable } from 'kysely';
import type { UserPatch, UserRepository } from '../../core/ports/users.js';
import type { UserRecord } from '../../core/types.js';
import { precompiled, slot } from './precompiled.js';
import type { Database, UsersTable } from '../schema.js';

function toUser(r: Selectable<UsersTable>): UserRecord {
  return {
    appId: r.app_id,
    username: r.username,
    uuid: r.uuid,
    passwordHash: r.password_hash,
    nickname: r.nickname,
    activated: Boolean(r.activated),
    tokenVersion: Number(r.token_version),
    revokedBefore: Number(r.revoked_before),
    createdAt: Number(r.created_at),
    modifiedAt: Number(r.modified_at),
  };
}

function toRow(u: UserRecord): UsersTable {
  return {
    app_id: u.appId,
    username: u.username,
    uuid: u.uuid,
    password_hash: u.passwordHash,
    nickname: u.nickname,
    activated: u.activated ? 1 : 0,
    token_version: u.tokenVersion,
    revoked_before: u.revokedBefore,
    created_at: u.createdAt,
    modified_at: u.modifiedAt,
  };
}

function toPatch(p: UserPatch): Updateable<UsersTable> {
  const row: Updateable<UsersTable> = {};
  if (p.passwordHash !== undefined) row.password_hash = p.passwordHash;
  if (p.nickname !== undefined) row.nickname = p.nickname;
  if (p.activated !== undefined) row.activated = p.activated ? 1 : 0;
  if (p.tokenVersion !== undefined) row.token_version = p.tokenVersion;
  if (p.revokedBefore !== undefined) row.revoked_before = p.revokedBefore;
  if (p.modifiedAt !== undefined) row.modified_at = p.modifiedAt;
  return row;
}

export function userRepository(db: Kysely<Database>): UserRepository {
  // Inside a transaction use its handle: SQLite has one connection, `db` would wait for it forever.
  const existing = async (q: Kysely<Database>, appId: string, names: string[]) =>
    names.length === 0
      ? []
      : (
          await q
            .selectFrom('users')
            .select('username')
            .where('app_id', '=', appId)
            .where('username', 'in', names)
            .execute()
        ).map((r) => r.username);
  // Every sign-in and every recipient check reads a user by name.
  const getOne = precompiled(db, () =>
    db.selectFrom('users').selectAll().where('app_id', '=', slot(0)).where('username', '=', slot(1)),
  );
  return {
    existing: (appId, names) => existing(db, appId, names),
    async insertMany(users) {
      if (users.length === 0) return [];
      return db.transaction().execute(async (trx) => {
        const taken = await existing(
          trx,
          users[0]!.appId,
          users.map((u) => u.username),
        );
        const fresh = users.filter((u) => !taken.includes(u.username));
        if (fresh.length) await trx.insertInto('users').values(fresh.map(toRow)).execute();
        return taken;
      });
    },
    async get(appId, username) {
      const [r] = await getOne(appId, username);
      return r && toUser(r);
    },
    async list(appId, after, limit) {
      let q = db.selectFrom('users').selectAll().where('app_id', '=', appId);
      if (after !== undefined) q = q.where('username', '>', after);
      return (await q.orderBy('username').limit(limit).execute()).map(toUser);
    },
    async update(appId, username, patch) {
      const r = await db
        .updateTable('users')
        .set(toPatch(patch))
        .where('app_id', '=', appId)
        .where('username', '=', username)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async delete(appId, username) {
      const r = await db
        .deleteFrom('users')
        .where('app_id', '=', appId)
        .where('username', '=', username)
        .executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}
