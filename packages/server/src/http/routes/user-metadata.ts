/**
 * User attributes ("个人设置") over REST: Easemob's /metadata/user paths and their bare
 * `{ timestamp, data, duration }` bodies. PUT takes a form (as Easemob documents it) or JSON.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PROFILE_LIMITS, PigeonError } from '@pigeon/protocol';
import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import type { Core } from '../../core/index.js';
import { principalOf, tenantOf } from '../guards.js';
import { ownerCaller } from '../owner.js';
import { bearerSecurity, responses, TenantParams, UserParams } from '../schemas.js';

const Bare = Type.Object(
  { timestamp: Type.Number(), data: Type.Unknown(), duration: Type.Number() },
  { additionalProperties: true },
);
const bare = (reply: FastifyReply, data: unknown) => ({
  timestamp: Date.now(),
  data,
  duration: Math.round(reply.elapsedTime),
});

/** Form or JSON values as strings; numbers and booleans are accepted (Easemob's SDK sends gender as a number). */
function attrsOf(body: unknown): Record<string, string> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new PigeonError('BAD_REQUEST', 'Send the attributes as a form or a JSON object.', { details: { path: '/' } });
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')
      throw new PigeonError('BAD_REQUEST', `Attribute ${k} must be a string.`, { details: { path: `/${k}` } });
    out[k] = String(v);
  }
  return out;
}

export const userMetadataRoutes: FastifyPluginAsyncTypebox<{ core: Core }> = async (app, { core }) => {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  const schema = <P extends TSchema = typeof UserParams>(summary: string, params: P = UserParams as unknown as P) => ({
    summary,
    tags: ['user attributes'],
    params,
    response: responses(Bare),
    security: bearerSecurity,
  });

  app.put(
    '/:org/:app/metadata/user/:username',
    {
      schema: {
        ...schema(
          `Set attributes (admin or the user; per-key limits, ${PROFILE_LIMITS.totalBytes} bytes in all); friends are told.`,
        ),
        body: Type.Record(Type.String(), Type.Unknown()),
      },
    },
    async (req, reply) => {
      const caller = await ownerCaller(core, req, req.params);
      const { attrs } = await core.profiles.update(caller, { attrs: attrsOf(req.body) }, '');
      return bare(reply, attrs);
    },
  );

  app.get(
    '/:org/:app/metadata/user/:username',
    { schema: schema('All attributes of one user ({} when none).') },
    async (req, reply) => {
      const tenant = await tenantOf(core, req.params);
      await principalOf(core, req, tenant);
      const user = await core.users.get(tenant, req.params.username);
      const { profiles } = await core.profiles.get(tenant, { users: [user.username] });
      return bare(reply, profiles[user.username] ?? {});
    },
  );

  app.delete(
    '/:org/:app/metadata/user/:username',
    { schema: schema('Remove every attribute of the user.') },
    async (req, reply) => {
      const caller = await ownerCaller(core, req, req.params);
      await core.profiles.clear(caller);
      return bare(reply, true);
    },
  );

  app.post(
    '/:org/:app/metadata/user/get',
    {
      schema: {
        ...schema(
          `Attributes of up to ${PROFILE_LIMITS.usersPerFetch} users; unknown users are left out.`,
          TenantParams,
        ),
        body: Type.Object({
          targets: Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: PROFILE_LIMITS.usersPerFetch }),
          properties: Type.Optional(Type.Array(Type.String({ maxLength: PROFILE_LIMITS.keyChars }), { maxItems: 50 })),
        }),
      },
    },
    async (req, reply) => {
      const tenant = await tenantOf(core, req.params);
      await principalOf(core, req, tenant);
      const { targets, properties } = req.body;
      const { profiles } = await core.profiles.get(tenant, {
        users: targets,
        ...(properties ? { keys: properties } : {}),
      });
      return bare(reply, profiles);
    },
  );
};
