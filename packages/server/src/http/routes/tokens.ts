/** POST /{org}/{app}/token: admin tokens (client_credentials) and user tokens (password), as Easemob. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PigeonError } from '@pigeon/protocol';
import { Type } from '@sinclair/typebox';
import type { Core } from '../../core/index.js';
import { requireAdmin, tenantOf } from '../guards.js';
import { responses, TenantParams, UserEntity } from '../schemas.js';
import { userEntity } from '../user-entity.js';

const TokenBody = Type.Object({
  grant_type: Type.Union([Type.Literal('client_credentials'), Type.Literal('password'), Type.Literal('inherit')], {
    description: 'inherit: a user token without the password, for the app admin (Bearer admin token).',
  }),
  client_id: Type.Optional(Type.String()),
  client_secret: Type.Optional(Type.String()),
  username: Type.Optional(Type.String()),
  password: Type.Optional(Type.String()),
  ttl: Type.Optional(Type.Integer({ minimum: 0, description: 'Lifetime in seconds; 0 or absent: the app default.' })),
});

const TokenReply = Type.Object({
  access_token: Type.String(),
  expires_in: Type.Integer({ description: 'Seconds.' }),
  application: Type.String(),
  user: Type.Optional(UserEntity),
});

const need = (v: string | undefined, path: string): string => {
  if (v === undefined || v === '')
    throw new PigeonError('BAD_REQUEST', `${path.slice(1)} is required for this grant_type.`, { details: { path } });
  return v;
};

export const tokenRoutes: FastifyPluginAsyncTypebox<{ core: Core }> = async (app, { core }) => {
  app.post(
    '/:org/:app/token',
    {
      schema: {
        summary:
          'Get an admin token (client_credentials), or a user token (password; or inherit with the admin token).',
        tags: ['tokens'],
        params: TenantParams,
        body: TokenBody,
        response: responses(TokenReply),
      },
    },
    async (req) => {
      const tenant = await tenantOf(core, req.params);
      const b = req.body;
      if (b.grant_type === 'client_credentials') {
        const t = await core.auth.clientCredentials(
          tenant,
          need(b.client_id, '/client_id'),
          need(b.client_secret, '/client_secret'),
          b.ttl,
        );
        return { access_token: t.token, expires_in: t.expiresInSeconds, application: tenant.id };
      }
      if (b.grant_type === 'inherit') {
        await requireAdmin(core, req, tenant);
        const user = await core.users.get(tenant, need(b.username, '/username'));
        const t = await core.auth.userToken(tenant, user, b.ttl);
        return {
          access_token: t.token,
          expires_in: t.expiresInSeconds,
          user: userEntity(t.user),
          application: tenant.id,
        };
      }
      const t = await core.auth.password(
        tenant,
        need(b.username, '/username'),
        need(b.password, '/password'),
        b.ttl,
        req.ip,
      );
      return {
        access_token: t.token,
        expires_in: t.expiresInSeconds,
        user: userEntity(t.user),
        application: tenant.id,
      };
    },
  );
};
