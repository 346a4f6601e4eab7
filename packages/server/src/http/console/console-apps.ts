/** Apps in the console: list, create, settings, client secret (revealed or rotated only on request), integration. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { APP_SETTING_FIELDS, type AppSettingsInput, type Core } from '../../core/index.js';
import type { App } from '../../core/types.js';
import { baseUrl } from '../envelope.js';
import { TenantParams } from '../schemas.js';
import type { ConsoleApiOptions } from './console-options.js';
import { regionAddresses } from './regions.js';

const hide = { hide: true } as const;
const Settings = Type.Record(Type.String(), Type.Unknown());

/** An app as the console lists it: never the client secret. */
export function appView(core: Core, a: App) {
  const connections = core.hub.sessions().filter((s) => s.appId === a.id).length;
  return {
    appKey: a.appKey,
    org: a.org,
    name: a.name,
    clientId: a.clientId,
    createdAt: a.createdAt,
    settings: a.settings,
    connections,
  };
}

export const consoleAppRoutes: FastifyPluginAsyncTypebox<ConsoleApiOptions> = async (app, o) => {
  const { core } = o;
  const tenant = (p: { org: string; app: string }) => core.apps.get(`${p.org}#${p.app}`);

  app.get('/console/api/setting-fields', { schema: hide }, async () => ({ fields: APP_SETTING_FIELDS }));

  app.get('/console/api/apps', { schema: hide }, async () => ({
    apps: (await core.apps.list()).map((a) => appView(core, a)),
  }));

  app.post(
    '/console/api/apps',
    {
      schema: {
        ...hide,
        body: Type.Object({ org: Type.String(), name: Type.String(), settings: Type.Optional(Settings) }),
      },
    },
    async (req) => {
      const settings = req.body.settings as AppSettingsInput | undefined;
      const a = await core.apps.create({ org: req.body.org, name: req.body.name, settings });
      // Shown once at creation, like the rotate action: the console tells the admin to keep it.
      return { app: appView(core, a), clientSecret: a.clientSecret };
    },
  );

  app.get('/console/api/apps/:org/:app', { schema: { ...hide, params: TenantParams } }, async (req) => ({
    app: appView(core, await tenant(req.params)),
  }));

  app.put(
    '/console/api/apps/:org/:app/settings',
    { schema: { ...hide, params: TenantParams, body: Type.Object({ settings: Settings }) } },
    async (req) => {
      const a = await tenant(req.params);
      const updated = await core.apps.updateSettings(a.appKey, req.body.settings as AppSettingsInput);
      return { app: appView(core, updated) };
    },
  );

  app.post('/console/api/apps/:org/:app/secret/reveal', { schema: { ...hide, params: TenantParams } }, async (req) => {
    const a = await tenant(req.params);
    req.log.info({ appKey: a.appKey, admin: req.consoleSession?.username }, 'console: client secret revealed');
    return { clientId: a.clientId, clientSecret: a.clientSecret };
  });

  app.post('/console/api/apps/:org/:app/secret/rotate', { schema: { ...hide, params: TenantParams } }, async (req) => {
    const a = await core.apps.rotateSecret((await tenant(req.params)).appKey);
    req.log.info({ appKey: a.appKey, admin: req.consoleSession?.username }, 'console: client secret rotated');
    return { clientId: a.clientId, clientSecret: a.clientSecret };
  });

  app.get('/console/api/apps/:org/:app/integration', { schema: { ...hide, params: TenantParams } }, async (req) => {
    const a = await tenant(req.params);
    return {
      appKey: a.appKey,
      clientId: a.clientId,
      regions: o.regions(baseUrl(req, o.publicUrl)).map((r) => regionAddresses(r, a.org, a.name)),
    };
  });
};
