/**
 * GET /{org}/{app}/regions: the public addresses clients may connect to, one entry per region (the
 * config's `regions`, or this server as the request reached it). No token: a client asks before it
 * logs in (the SDK's `discoveryUrl`). Unknown apps get APP_NOT_FOUND like every app route.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Core } from '../../core/index.js';
import type { Region } from '../../config.js';
import { baseUrl, envelope } from '../envelope.js';
import { tenantOf } from '../guards.js';
import { Envelope, responses, TenantParams } from '../schemas.js';

export interface RegionRouteOptions {
  core: Core;
  publicUrl?: string;
  /** Configured regions, or one at `requestBase`. */
  regions(requestBase: string): Region[];
  /** Path of the Easemob-compatible socket ('' when off). */
  msyncPath: string;
}

export const PublicRegion = Type.Object({
  name: Type.String(),
  restUrl: Type.String({ description: 'REST base URL (the SDK `apiUrl`).' }),
  wsUrl: Type.String({ description: "WebSocket URL of Pigeon's own protocol (the SDK `url`)." }),
  msyncUrl: Type.Optional(
    Type.String({ description: "WebSocket URL for Easemob/Agora SDKs' own protocol, when that gateway is on." }),
  ),
  fileUrl: Type.Optional(Type.String({ description: 'Base URL of file upload and download, when it differs.' })),
});

/** A region as clients see it: trailing slashes off, the msync address beside Pigeon's. */
export function publicRegion(r: Region, msyncPath: string) {
  const out: { name: string; restUrl: string; wsUrl: string; msyncUrl?: string; fileUrl?: string } = {
    name: r.name,
    restUrl: r.restUrl.replace(/\/+$/, ''),
    wsUrl: r.wsUrl,
  };
  if (msyncPath) out.msyncUrl = `${new URL(r.wsUrl).origin}${msyncPath}`;
  if (r.fileUrl) out.fileUrl = r.fileUrl.replace(/\/+$/, '');
  return out;
}

export const regionRoutes: FastifyPluginAsyncTypebox<RegionRouteOptions> = async (app, o) => {
  app.get(
    '/:org/:app/regions',
    {
      schema: {
        summary: "The regions' public REST and WebSocket addresses, for clients to pick from before they log in.",
        tags: ['server'],
        params: TenantParams,
        response: responses(
          Type.Object({ ...Envelope.properties, data: Type.Array(PublicRegion) }, { additionalProperties: true }),
        ),
      },
    },
    async (req, reply) => {
      const tenant = await tenantOf(o.core, req.params);
      const data = o.regions(baseUrl(req, o.publicUrl)).map((r) => publicRegion(r, o.msyncPath));
      return { ...envelope(req, reply, tenant, {}, o.publicUrl), data };
    },
  );
};
