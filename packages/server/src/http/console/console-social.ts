/** Groups and chatrooms of an app in the console: list, create (with an owner), members, dissolve. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Core } from '../../core/index.js';
import { existingUsers } from '../../core/social/users.js';
import type { App, Caller } from '../../core/types.js';
import { TenantParams } from '../schemas.js';
import type { ConsoleApiOptions } from './console-options.js';

const hide = { hide: true } as const;
const PAGE = 50;
const GroupParams = Type.Object({ ...TenantParams.properties, id: Type.String({ minLength: 1, maxLength: 64 }) });
const NewSpace = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 128 }),
  owner: Type.String({ minLength: 1 }),
  members: Type.Optional(Type.Array(Type.String(), { maxItems: 500 })),
  public: Type.Optional(Type.Boolean()),
});

/** The platform administrator acts as the app's backend: it outranks every owner. */
async function adminOf(core: Core, p: { org: string; app: string }): Promise<Caller & { app: App }> {
  return { app: await core.apps.get(`${p.org}#${p.app}`), user: 'admin', admin: true };
}

export const consoleSocialRoutes: FastifyPluginAsyncTypebox<ConsoleApiOptions> = async (app, { core }) => {
  const base = '/console/api/apps/:org/:app';

  app.get(
    `${base}/groups`,
    { schema: { ...hide, params: TenantParams, querystring: Type.Object({ after: Type.Optional(Type.String()) }) } },
    async (req) => {
      const caller = await adminOf(core, req.params);
      const rows = await core.repos.groups.list(caller.app.id, req.query.after || undefined, PAGE + 1);
      const page = rows.slice(0, PAGE);
      const counts = await core.repos.groups.memberCounts(
        caller.app.id,
        page.map((g) => g.id),
      );
      return {
        groups: page.map((g) => ({
          id: g.id,
          name: g.name,
          owner: g.owner,
          public: g.public,
          members: counts.get(g.id) ?? 0,
          createdAt: g.createdAt,
        })),
        next: rows.length > PAGE ? page[page.length - 1]!.id : null,
      };
    },
  );

  app.post(`${base}/groups`, { schema: { ...hide, params: TenantParams, body: NewSpace } }, async (req) => {
    const caller = await adminOf(core, req.params);
    const [owner] = await existingUsers(core.repos.users, caller, [req.body.owner], '/owner');
    const members = req.body.members?.length
      ? await existingUsers(core.repos.users, caller, req.body.members, '/members')
      : undefined;
    const input = { name: req.body.name, public: req.body.public ?? false, ...(members ? { members } : {}) };
    return core.groups.service.create(caller, input, owner!);
  });

  app.get(`${base}/groups/:id/members`, { schema: { ...hide, params: GroupParams } }, async (req) => {
    const caller = await adminOf(core, req.params);
    return core.groups.service.members(caller, { groupId: req.params.id, pageSize: 500 });
  });

  app.delete(`${base}/groups/:id`, { schema: { ...hide, params: GroupParams } }, async (req) => {
    await core.groups.service.destroy(await adminOf(core, req.params), { groupId: req.params.id });
    return { dissolved: true };
  });

  app.get(`${base}/chatrooms`, { schema: { ...hide, params: TenantParams } }, async (req) => {
    const caller = await adminOf(core, req.params);
    return core.chatrooms.service.list(caller, { pageNum: 1, pageSize: 100 });
  });

  app.post(`${base}/chatrooms`, { schema: { ...hide, params: TenantParams, body: NewSpace } }, async (req) => {
    const caller = await adminOf(core, req.params);
    const [owner] = await existingUsers(core.repos.users, caller, [req.body.owner], '/owner');
    return core.chatrooms.service.create(caller, { name: req.body.name }, owner!);
  });

  app.get(`${base}/chatrooms/:id/members`, { schema: { ...hide, params: GroupParams } }, async (req) => {
    const caller = await adminOf(core, req.params);
    return core.chatrooms.membership.members(caller, { roomId: req.params.id, pageSize: 500 });
  });

  app.delete(`${base}/chatrooms/:id`, { schema: { ...hide, params: GroupParams } }, async (req) => {
    await core.chatrooms.service.destroy(await adminOf(core, req.params), { roomId: req.params.id });
    return { dissolved: true };
  });
};
