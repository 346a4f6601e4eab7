import type { Kysely } from 'kysely';
import type { ProfileAttrs } from '@pigeon/protocol';
import type { ProfileRepository } from '../../core/ports/profiles.js';
import type { Database } from '../schema.js';

const parse = (json: string): ProfileAttrs => {
  const v: unknown = JSON.parse(json);
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as ProfileAttrs) : {};
};

export function profileRepository(db: Kysely<Database>): ProfileRepository {
  return {
    async get(appId, users) {
      if (users.length === 0) return new Map();
      const rows = await db
        .selectFrom('user_profiles')
        .select(['username', 'attrs'])
        .where('app_id', '=', appId)
        .where('username', 'in', users)
        .execute();
      return new Map(rows.map((r) => [r.username, parse(r.attrs)]));
    },
    async put(appId, user, attrs, at) {
      const json = JSON.stringify(attrs);
      await db
        .insertInto('user_profiles')
        .values({ app_id: appId, username: user, attrs: json, modified_at: at })
        .onConflict((oc) => oc.columns(['app_id', 'username']).doUpdateSet({ attrs: json, modified_at: at }))
        .execute();
    },
    async remove(appId, user) {
      const r = await db
        .deleteFrom('user_profiles')
        .where('app_id', '=', appId)
        .where('username', '=', user)
        .executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}
