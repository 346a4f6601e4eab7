import type { Kysely } from 'kysely';
import type { ConsoleRepository } from '../../core/ports/console.js';
import type { Database } from '../schema.js';

export function consoleRepository(db: Kysely<Database>): ConsoleRepository {
  return {
    async admin(username) {
      const r = await db.selectFrom('console_admins').selectAll().where('username', '=', username).executeTakeFirst();
      return r && { username: r.username, passwordHash: r.password_hash, createdAt: Number(r.created_at) };
    },
    async countAdmins() {
      const r = await db
        .selectFrom('console_admins')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async insertAdmin(a) {
      await db
        .insertInto('console_admins')
        .values({ username: a.username, password_hash: a.passwordHash, created_at: a.createdAt })
        .execute();
    },
    async setAdminPassword(username, passwordHash) {
      await db
        .updateTable('console_admins')
        .set({ password_hash: passwordHash })
        .where('username', '=', username)
        .execute();
    },
    async insertSession(s) {
      await db
        .insertInto('console_sessions')
        .values({
          id_hash: s.idHash,
          username: s.username,
          csrf: s.csrf,
          created_at: s.createdAt,
          expires_at: s.expiresAt,
        })
        .execute();
    },
    async session(idHash) {
      const r = await db.selectFrom('console_sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
      return (
        r && {
          idHash: r.id_hash,
          username: r.username,
          csrf: r.csrf,
          createdAt: Number(r.created_at),
          expiresAt: Number(r.expires_at),
        }
      );
    },
    async deleteSession(idHash) {
      await db.deleteFrom('console_sessions').where('id_hash', '=', idHash).execute();
    },
    async deleteExpired(now) {
      await db.deleteFrom('console_sessions').where('expires_at', '<', now).execute();
    },
  };
}
