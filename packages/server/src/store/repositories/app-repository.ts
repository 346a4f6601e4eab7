import type { Kysely, Selectable } from 'kysely';
import { DEFAULT_APP_SETTINGS } from '../../core/apps/app-settings.js';
import type { AppRepository } from '../../core/ports/apps.js';
import type { App, AppSettings } from '../../core/types.js';
import type { AppsTable, Database } from '../schema.js';

function toApp(r: Selectable<AppsTable>): App {
  // Settings added by later versions fall back to their defaults.
  const settings = { ...DEFAULT_APP_SETTINGS, ...(JSON.parse(r.settings) as Partial<AppSettings>) };
  return {
    id: r.id,
    org: r.org,
    name: r.name,
    appKey: `${r.org}#${r.name}`,
    clientId: r.client_id,
    clientSecret: r.client_secret,
    settings,
    createdAt: Number(r.created_at),
  };
}

export function appRepository(db: Kysely<Database>): AppRepository {
  return {
    async insert(app) {
      await db
        .insertInto('apps')
        .values({
          id: app.id,
          org: app.org,
          name: app.name,
          client_id: app.clientId,
          client_secret: app.clientSecret,
          settings: JSON.stringify(app.settings),
          created_at: app.createdAt,
        })
        .execute();
    },
    async byId(id) {
      const r = await db.selectFrom('apps').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toApp(r);
    },
    async byName(org, name) {
      const r = await db
        .selectFrom('apps')
        .selectAll()
        .where('org', '=', org)
        .where('name', '=', name)
        .executeTakeFirst();
      return r && toApp(r);
    },
    async list() {
      return (await db.selectFrom('apps').selectAll().orderBy('created_at').orderBy('id').execute()).map(toApp);
    },
    async updateSettings(id, settings) {
      await db
        .updateTable('apps')
        .set({ settings: JSON.stringify(settings) })
        .where('id', '=', id)
        .execute();
    },
    async updateSecret(id, clientSecret) {
      await db.updateTable('apps').set({ client_secret: clientSecret }).where('id', '=', id).execute();
    },
  };
}
