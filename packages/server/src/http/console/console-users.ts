/** Users of an app in the console: search, create, password, (de)activate, force logout, devices, conversations. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PigeonError } from '@pigeon/protocol';
import { Type } from '@sinclair/typebox';
import type { Core } from '../../core/index.js';
import type { App, UserRecord } from '../../core/types.js';
import { TenantParams, UserParams } from '../schemas.js';
import type { ConsoleApiOptions } from './console-options.js';

const hide = { hide: true } as const;
const PAGE = 50;

function userView(core: Core, app: App, u: UserRecord) {
  return {
    username: u.username,
    nickname: u.nickname,
    activated: u.activated,
    createdAt: u.createdAt,
    online: core.hub.isOnline(app.id, u.username),
  };
}

/** Users whose name starts with `q`, in name order, after `after`. */
async function search(core: Core, app: App, q: string, after: string | undefined, limit: number) {
  const prefix = q.toLowerCase();
  const out: UserRecord[] = [];
  if (prefix && after === undefined) {
    const exact = await core.repos.users.get(app.id, prefix);
    if (exact) out.push(exact);
  }
  const page = await core.users.list(app, after ?? (prefix || undefined), limit + 1);
  for (const u of page) if (u.username.startsWith(prefix) && out.length <= limit) out.push(u);
  return out;
}

export const consoleUserRoutes: FastifyPluginAsyncTypebox<ConsoleApiOptions> = async (app, { core }) => {
  const tenant = (p: { org: string; app: string }) => core.apps.get(`${p.org}#${p.app}`);

  app.get(
    '/console/api/apps/:org/:app/users',
    {
      schema: {
        ...hide,
        params: TenantParams,
        querystring: Type.Object({ q: Type.Optional(Type.String()), after: Type.Optional(Type.String()) }),
      },
    },
    async (req) => {
      const a = await tenant(req.params);
      const found = await search(core, a, req.query.q ?? '', req.query.after, PAGE);
      const page = found.slice(0, PAGE);
      return {
        users: page.map((u) => userView(core, a, u)),
        next: found.length > PAGE ? page[page.length - 1]!.username : null,
      };
    },
  );

  app.post(
    '/console/api/apps/:org/:app/users',
    {
      schema: {
        ...hide,
        params: TenantParams,
        body: Type.Object({
          username: Type.String(),
          password: Type.String({ minLength: 1, maxLength: 128 }),
          nickname: Type.Optional(Type.String({ maxLength: 100 })),
        }),
      },
    },
    async (req) => {
      const a = await tenant(req.params);
      const { created, existing } = await core.users.create(a, [req.body]);
      if (existing.length) throw new PigeonError('USER_EXISTS', `User "${existing[0]}" already exists.`);
      return { user: userView(core, a, created[0]!) };
    },
  );

  app.put(
    '/console/api/apps/:org/:app/users/:username/password',
    {
      schema: {
        ...hide,
        params: UserParams,
        body: Type.Object({ password: Type.String({ minLength: 1, maxLength: 128 }) }),
      },
    },
    async (req) => {
      await core.users.setPassword(await tenant(req.params), req.params.username, req.body.password);
      return { ok: true };
    },
  );

  for (const action of ['activate', 'deactivate'] as const) {
    app.post(
      `/console/api/apps/:org/:app/users/:username/${action}`,
      { schema: { ...hide, params: UserParams } },
      async (req) => {
        const a = await tenant(req.params);
        const u = await core.users.setActivated(a, req.params.username, action === 'activate');
        return { user: userView(core, a, u) };
      },
    );
  }

  app.post(
    '/console/api/apps/:org/:app/users/:username/disconnect',
    { schema: { ...hide, params: UserParams } },
    async (req) => {
      await core.users.disconnect(await tenant(req.params), req.params.username);
      return { ok: true };
    },
  );

  app.get(
    '/console/api/apps/:org/:app/users/:username/devices',
    { schema: { ...hide, params: UserParams } },
    async (req) => {
      const a = await tenant(req.params);
      const user = (await core.users.get(a, req.params.username)).username;
      const devices = core.hub
        .sessions()
        .filter((s) => s.appId === a.id && s.user === user)
        .map((s) => ({ session: s.id, deviceId: s.deviceId, platform: s.platform }));
      return { devices };
    },
  );

  app.get(
    '/console/api/apps/:org/:app/users/:username/conversations',
    { schema: { ...hide, params: UserParams } },
    async (req) => {
      const a = await tenant(req.params);
      const user = (await core.users.get(a, req.params.username)).username;
      const { convs } = await core.conversations.list({ app: a, user }, { limit: 100 });
      return { conversations: convs.map(({ lastMessage: _m, ...c }) => c) };
    },
  );
};
