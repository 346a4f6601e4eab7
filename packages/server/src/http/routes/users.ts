/** Users: register (single or batch of up to 60), get, list, delete. Easemob paths and envelopes. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PigeonError } from '@pigeon/protocol';
import { Type, type Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { Core } from '../../core/index.js';
import type { App } from '../../core/types.js';
import { envelope } from '../envelope.js';
import { bearer, principalOf, requireAdmin, requireAdminOrSelf, tenantOf } from '../guards.js';
import { bearerSecurity, Envelope, responses, TenantParams, UserParams } from '../schemas.js';
import { userEntity } from '../user-entity.js';

const MAX_BATCH = 60;
const NewUser = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  nickname: Type.Optional(Type.String({ maxLength: 100 })),
});
type NewUserT = Static<typeof NewUser>;
const checkNewUser = TypeCompiler.Compile(NewUser);
const NewUsers = Type.Union([NewUser, Type.Array(NewUser, { minItems: 1, maxItems: MAX_BATCH })]);

/** Validates by hand so a batch error names its index (`/3/username`), which a union schema cannot. */
function parseNewUsers(body: unknown): NewUserT[] {
  const list = Array.isArray(body) ? body : [body];
  if (Array.isArray(body) && (body.length < 1 || body.length > MAX_BATCH)) {
    throw new PigeonError('BAD_REQUEST', `A batch holds 1 to ${MAX_BATCH} users.`, { details: { path: '/' } });
  }
  list.forEach((u, i) => {
    const err = checkNewUser.Check(u) ? undefined : checkNewUser.Errors(u).First();
    if (err)
      throw new PigeonError('BAD_REQUEST', `${err.path || '/'}: ${err.message}`, {
        details: { path: `${Array.isArray(body) ? `/${i}` : ''}${err.path}` },
      });
  });
  return list as NewUserT[];
}

/**
 * Open registration: anyone. Otherwise only the app admin; a missing or user token is REGISTRATION_CLOSED.
 * True when this is an open registration by someone other than the admin (it counts against abuse limits).
 */
async function mayRegister(core: Core, req: Parameters<typeof principalOf>[1], app: App): Promise<boolean> {
  if (app.settings.openRegistration)
    return !(bearer(req) && (await principalOf(core, req, app).catch(() => undefined))?.kind === 'admin');
  if (!bearer(req))
    throw new PigeonError('REGISTRATION_CLOSED', 'Open registration is off: register users with the app admin token.');
  const p = await principalOf(core, req, app);
  if (p.kind !== 'admin')
    throw new PigeonError('REGISTRATION_CLOSED', 'Open registration is off: register users with the app admin token.');
  return false;
}

export const userRoutes: FastifyPluginAsyncTypebox<{ core: Core; publicUrl?: string }> = async (
  app,
  { core, publicUrl },
) => {
  app.post(
    '/:org/:app/users',
    {
      schema: {
        summary: `Register one user, or a batch of up to ${MAX_BATCH} (admin token, or none when open registration is on).`,
        tags: ['users'],
        params: TenantParams,
        body: NewUsers,
        response: responses(Envelope),
        security: bearerSecurity,
      },
      validatorCompiler: () => (value) => ({ value }),
    },
    async (req, reply) => {
      const tenant = await tenantOf(core, req.params);
      const open = await mayRegister(core, req, tenant);
      const inputs = parseNewUsers(req.body);
      if (open) await core.abuse.registration(tenant.id, req.ip, inputs.length);
      const { created, existing } = await core.users.create(tenant, inputs);
      if (!Array.isArray(req.body) && existing.length)
        throw new PigeonError('USER_EXISTS', `User "${existing[0]}" already exists.`);
      const data = existing.map((username) => ({ username, registerUserFailReason: 'the user already exists' }));
      return envelope(
        req,
        reply,
        tenant,
        { entities: created.map(userEntity), ...(Array.isArray(req.body) ? { data } : {}) },
        publicUrl,
      );
    },
  );

  app.get(
    '/:org/:app/users/:username',
    {
      schema: {
        summary: 'Get one user (admin, or the user itself).',
        tags: ['users'],
        params: UserParams,
        response: responses(Envelope),
        security: bearerSecurity,
      },
    },
    async (req, reply) => {
      const tenant = await tenantOf(core, req.params);
      await requireAdminOrSelf(core, req, tenant, req.params.username);
      const user = await core.users.get(tenant, req.params.username);
      return envelope(req, reply, tenant, { entities: [userEntity(user)], count: 1 }, publicUrl);
    },
  );

  const ListQuery = Type.Object({
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
    cursor: Type.Optional(Type.String()),
  });
  app.get(
    '/:org/:app/users',
    {
      schema: {
        summary: 'List users by name, paged with `cursor`.',
        tags: ['users'],
        params: TenantParams,
        querystring: ListQuery,
        response: responses(Envelope),
        security: bearerSecurity,
      },
    },
    async (req, reply) => {
      const tenant = await tenantOf(core, req.params);
      await requireAdmin(core, req, tenant);
      const limit = req.query.limit ?? 10;
      const after = req.query.cursor ? Buffer.from(req.query.cursor, 'base64url').toString() : undefined;
      const rows = await core.users.list(tenant, after, limit + 1);
      const page = rows.slice(0, limit);
      const more =
        rows.length > limit ? { cursor: Buffer.from(page[page.length - 1]!.username).toString('base64url') } : {};
      return envelope(
        req,
        reply,
        tenant,
        { params: { limit: [String(limit)] }, entities: page.map(userEntity), count: page.length, ...more },
        publicUrl,
      );
    },
  );

  app.delete(
    '/:org/:app/users/:username',
    {
      schema: {
        summary: 'Delete a user; its sessions are closed.',
        tags: ['users'],
        params: UserParams,
        response: responses(Envelope),
        security: bearerSecurity,
      },
    },
    async (req, reply) => {
      const tenant = await tenantOf(core, req.params);
      await requireAdmin(core, req, tenant);
      const user = await core.users.delete(tenant, req.params.username);
      return envelope(req, reply, tenant, { entities: [userEntity(user)] }, publicUrl);
    },
  );
};
