/**
 * Presence over REST: Easemob's /users/{u}/presence paths and `{ result }` bodies, with times in
 * seconds as strings and device statuses as "1" (online) / "0" (offline), as Easemob documents them.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PRESENCE_LIMITS, type PresenceInfo } from '@pigeon/protocol';
import { normalizeUsername } from '../../core/index.js';
import { Type, type TSchema } from '@sinclair/typebox';
import type { Core } from '../../core/index.js';
import { requireAdmin, tenantOf } from '../guards.js';
import { ownerCaller } from '../owner.js';
import { bearerSecurity, responses, TenantParams, UserParams } from '../schemas.js';

const Result = Type.Object(
  {},
  { additionalProperties: true, description: '{ result } (batch status: { action, data })' },
);
const Usernames = Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: PRESENCE_LIMITS.usersPerCall });
const seconds = (ms: number) => String(Math.floor(ms / 1000));

function easemobPresence(p: PresenceInfo, withExpiry: boolean) {
  const status = Object.fromEntries(p.devices.map((d) => [`${d.platform}_${d.deviceId}`, d.online ? '1' : '0']));
  const base = { uid: p.user, last_time: seconds(p.lastTime), ext: p.ext, status };
  return withExpiry ? { ...base, expiry: seconds(p.expiresAt) } : base;
}

export const presenceRoutes: FastifyPluginAsyncTypebox<{ core: Core }> = async (app, { core }) => {
  const schema = <P extends TSchema = typeof UserParams>(summary: string, params: P = UserParams as unknown as P) => ({
    summary,
    tags: ['presence'],
    params,
    response: responses(Result),
    security: bearerSecurity,
  });

  app.post(
    '/:org/:app/users/batch/status',
    {
      schema: {
        ...schema(
          'Online or offline, for up to 100 users (admin token); unknown users are offline, as Easemob.',
          TenantParams,
        ),
        body: Type.Object({ usernames: Usernames }),
      },
    },
    async (req, reply) => {
      const tenant = await tenantOf(core, req.params);
      await requireAdmin(core, req, tenant);
      const names = req.body.usernames.map((u, i) => normalizeUsername(u, `/usernames/${i}`));
      const online = await Promise.all(names.map((u) => core.presence.isOnline(tenant.id, u)));
      const data = names.map((u, i) => ({ [u]: online[i] ? 'online' : 'offline' }));
      return { action: 'get batch user status', data, timestamp: Date.now(), duration: Math.round(reply.elapsedTime) };
    },
  );

  app.post(
    '/:org/:app/users/:username/presence/:resource/:status',
    {
      schema: {
        ...schema(
          'Set the custom status text (ext). Online/offline per device comes from live connections, so resource and status are not stored.',
          Type.Object({
            ...UserParams.properties,
            resource: Type.String(),
            status: Type.String({ pattern: '^[0-9]+$' }),
          }),
        ),
        body: Type.Object({ ext: Type.String({ maxLength: 1024 }) }),
      },
    },
    async (req) => {
      await core.presence.publish(await ownerCaller(core, req, req.params), { ext: req.body.ext });
      return { result: 'ok' };
    },
  );

  app.post(
    '/:org/:app/users/:username/presence/:expiry',
    {
      schema: {
        ...schema(
          `Subscribe the user to others' presence for expiry seconds (at most ${PRESENCE_LIMITS.maxExpirySeconds}).`,
          Type.Object({
            ...UserParams.properties,
            expiry: Type.Integer({ minimum: 1, maximum: PRESENCE_LIMITS.maxExpirySeconds }),
          }),
        ),
        body: Type.Object({ usernames: Usernames }),
      },
    },
    async (req) => {
      const caller = await ownerCaller(core, req, req.params);
      const r = await core.presence.subscribe(caller, { users: req.body.usernames, expiry: req.params.expiry });
      return { result: r.presences.map((p) => easemobPresence(p, true)) };
    },
  );

  app.post(
    '/:org/:app/users/:username/presence',
    { schema: { ...schema('Current presence of up to 100 users.'), body: Type.Object({ usernames: Usernames }) } },
    async (req) => {
      const r = await core.presence.get(await ownerCaller(core, req, req.params), { users: req.body.usernames });
      return { result: r.presences.map((p) => easemobPresence(p, false)) };
    },
  );

  app.delete(
    '/:org/:app/users/:username/presence',
    { schema: { ...schema('Unsubscribe from users (body: a JSON array of names).'), body: Usernames } },
    async (req) => {
      await core.presence.unsubscribe(await ownerCaller(core, req, req.params), { users: req.body });
      return { result: 'ok' };
    },
  );

  app.get(
    '/:org/:app/users/:username/presence/sublist',
    {
      schema: {
        ...schema('The users this user subscribed to, paged.'),
        querystring: Type.Object({
          pageNum: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
          pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 1 })),
        }),
      },
    },
    async (req) => {
      const caller = await ownerCaller(core, req, req.params);
      const r = await core.presence.subscriptions(caller, {
        page: req.query.pageNum ?? 1,
        pageSize: req.query.pageSize ?? 1,
      });
      return {
        result: {
          totalnum: String(r.total),
          sublist: r.subs.map((s) => ({ uid: s.user, expiry: seconds(s.expiresAt) })),
        },
      };
    },
  );
};
