/**
 * Easemob's REST envelopes, so clients written against Easemob parse our bodies unchanged:
 * success { action, application, path, uri, entities | data, timestamp, duration, organization,
 * applicationName }, error { error, error_description, exception, timestamp, duration } plus our
 * catalogue's { code, name } (and `details` when there are any).
 */
import type { PigeonError } from '@pigeon/protocol';
import { ErrorCatalogue } from '@pigeon/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../core/types.js';

export interface EnvelopeFields {
  entities?: unknown[];
  data?: unknown;
  [extra: string]: unknown;
}

export function baseUrl(req: FastifyRequest, publicUrl: string | undefined): string {
  return (publicUrl ?? `${req.protocol}://${req.host}`).replace(/\/+$/, '');
}

/** The path after `/{org}/{app}`, as Easemob reports it (e.g. `/users`). */
function resourcePath(req: FastifyRequest, app: App): string {
  const path = req.url.split('?')[0]!;
  const prefix = `/${app.org}/${app.name}`;
  return path.startsWith(prefix) ? path.slice(prefix.length) || '/' : path;
}

export function envelope(
  req: FastifyRequest,
  reply: FastifyReply,
  app: App,
  fields: EnvelopeFields,
  publicUrl?: string,
) {
  const path = resourcePath(req, app);
  return {
    action: req.method.toLowerCase(),
    application: app.id,
    path,
    uri: `${baseUrl(req, publicUrl)}/${app.org}/${app.name}${path === '/' ? '' : path}`,
    ...fields,
    timestamp: Date.now(),
    duration: Math.round(reply.elapsedTime),
    organization: app.org,
    applicationName: app.name,
  };
}

export interface ErrorBody {
  error: string;
  error_description: string;
  exception: string;
  timestamp: number;
  duration: number;
  code: number;
  name: string;
  retryAfterMs?: number;
  details?: Record<string, unknown>;
}

export function errorBody(e: PigeonError, reply: FastifyReply): ErrorBody {
  const body: ErrorBody = {
    error: ErrorCatalogue[e.type].rest,
    error_description: e.message,
    exception: `pigeon.${e.type}`,
    timestamp: Date.now(),
    duration: Math.round(reply.elapsedTime),
    code: e.code,
    name: e.type,
  };
  if (e.retryAfterMs !== undefined) body.retryAfterMs = e.retryAfterMs;
  if (e.details) body.details = e.details;
  return body;
}
