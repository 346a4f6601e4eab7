/** Shared by the chatgroups and chatrooms REST plugins: the admin caller, id lists, schemas. */
import { PigeonError } from '@pigeon/protocol';
import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Core } from '../core/index.js';
import type { App, Caller } from '../core/types.js';
import { envelope } from './envelope.js';
import { principalOf, requireAdmin, tenantOf, type TenantParams } from './guards.js';
import { bearerSecurity, Envelope, responses } from './schemas.js';

/** The app's backend acting on groups and rooms: it outranks every owner. */
export async function adminCaller(
  core: Core,
  req: FastifyRequest,
  params: TenantParams,
): Promise<Caller & { app: App }> {
  const app = await tenantOf(core, params);
  await requireAdmin(core, req, app);
  return { app, user: 'admin', admin: true };
}

/**
 * The app's backend, or a user acting as themselves with their own token (the Easemob / Agora Web
 * SDKs call these routes with user tokens); the core checks the user's role as for the SDK's ops.
 */
export async function memberCaller(
  core: Core,
  req: FastifyRequest,
  params: TenantParams,
): Promise<Caller & { app: App }> {
  const app = await tenantOf(core, params);
  const p = await principalOf(core, req, app);
  return p.kind === 'admin' ? { app, user: 'admin', admin: true } : { app, user: p.user.username };
}

/** A user token may only name its own user in the path (the admin may name anyone). */
export function requireSelf(caller: Caller, username: string): void {
  if (!caller.admin && caller.user !== username.toLowerCase())
    throw new PigeonError('FORBIDDEN', 'A user token may only act on its own user.');
}

/** `a,b,c` in a path segment (Easemob's batch form) as a list. */
export function idList(segment: string, path: string): string[] {
  const ids = segment
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!ids.length) throw new PigeonError('BAD_REQUEST', 'Name at least one.', { details: { path } });
  return ids;
}

export const Paging = Type.Object({
  pagenum: Type.Optional(Type.Integer({ minimum: 1, description: 'Page number from 1.' })),
  pagesize: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'Entries per page.' })),
});

export const Usernames = Type.Object({ usernames: Type.Array(Type.String(), { minItems: 1, maxItems: 500 }) });

/** Route options: summary, tag, params, optional body and query, Easemob envelope reply, bearer auth. */
export function route<P extends TSchema, X extends { body?: TSchema; querystring?: TSchema } = object>(
  tag: string,
  summary: string,
  params: P,
  extra: X = {} as X,
) {
  return {
    schema: { summary, tags: [tag], params, ...extra, response: responses(Envelope), security: bearerSecurity },
  };
}

export type Send = (
  req: FastifyRequest,
  reply: FastifyReply,
  app: App,
  data: unknown,
  extra?: Record<string, unknown>,
) => ReturnType<typeof envelope>;

export const sender =
  (publicUrl?: string): Send =>
  (req, reply, app, data, extra = {}) =>
    envelope(req, reply, app, { data, ...extra }, publicUrl);
