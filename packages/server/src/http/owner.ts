/** REST routes acting for a user named in the path: who may call them, and the core Caller they make. */
import type { FastifyRequest } from 'fastify';
import type { Core } from '../core/index.js';
import type { App, Caller } from '../core/types.js';
import { requireAdmin, requireAdminOrSelf, tenantOf, type TenantParams } from './guards.js';

export interface OwnerOptions {
  /** Only the app admin (binding friends needs no consent, so users may not call it on themselves). */
  adminOnly?: boolean;
}

/** The tenant from the path, the principal checked, and the (existing) owner as the caller. */
export async function ownerCaller(
  core: Core,
  req: FastifyRequest,
  params: TenantParams & { username: string },
  o: OwnerOptions = {},
): Promise<Caller> {
  const app: App = await tenantOf(core, params);
  if (o.adminOnly) await requireAdmin(core, req, app);
  else await requireAdminOrSelf(core, req, app, params.username);
  const user = await core.users.get(app, params.username);
  return { app, user: user.username };
}
