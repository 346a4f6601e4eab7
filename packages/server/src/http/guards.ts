/** Who may call a route: the tenant comes from the path, the principal from the Bearer token. */
import { PigeonError } from '@pigeon/protocol';
import type { FastifyRequest } from 'fastify';
import type { Core, Principal } from '../core/index.js';
import type { App } from '../core/types.js';

export interface TenantParams {
  org: string;
  app: string;
}

export async function tenantOf(core: Core, params: TenantParams): Promise<App> {
  return core.apps.get(`${params.org}#${params.app}`);
}

export function bearer(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  const m = h ? /^Bearer\s+(\S+)\s*$/i.exec(h) : null;
  return m?.[1];
}

export async function principalOf(core: Core, req: FastifyRequest, app: App): Promise<Principal> {
  const token = bearer(req);
  if (!token) throw new PigeonError('NOT_AUTHENTICATED', 'Send Authorization: Bearer <token>.');
  return core.auth.authenticate(token, app);
}

export async function requireAdmin(core: Core, req: FastifyRequest, app: App): Promise<Principal> {
  const p = await principalOf(core, req, app);
  if (p.kind !== 'admin')
    throw new PigeonError('FORBIDDEN', 'This needs the app admin token (grant_type client_credentials).');
  return p;
}

/** The admin, or the user named in the path acting on themselves. */
export async function requireAdminOrSelf(
  core: Core,
  req: FastifyRequest,
  app: App,
  username: string,
): Promise<Principal> {
  const p = await principalOf(core, req, app);
  if (p.kind === 'user' && p.user.username !== username.toLowerCase())
    throw new PigeonError('FORBIDDEN', 'A user token may only act on its own user.');
  return p;
}
