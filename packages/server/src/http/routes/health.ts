import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { StorageState } from '../../storage-health.js';

export interface HealthOptions {
  /** False while starting or shutting down: /health answers 503 then. */
  isReady(): boolean;
  /** Whether the data directory takes writes; sends and uploads are refused (typed, retryable) while not. */
  storage?(): StorageState;
}

export const healthRoutes: FastifyPluginAsyncTypebox<HealthOptions> = async (app, opts) => {
  const Health = Type.Object({
    status: Type.Union([Type.Literal('ok'), Type.Literal('degraded'), Type.Literal('unavailable')]),
    storage: Type.Union([Type.Literal('ok'), Type.Literal('full'), Type.Literal('read-only')], {
      description: 'full or read-only: reads work, sends and uploads get STORAGE_FULL / STORAGE_READ_ONLY',
    }),
    uptimeSeconds: Type.Number(),
  });
  app.get(
    '/health',
    {
      schema: {
        summary:
          'Readiness: 200 once the server serves requests (status "degraded" while the data directory is full or read-only), 503 while starting or stopping.',
        tags: ['server'],
        response: { 200: Health, 503: Health },
      },
    },
    async (_req, reply) => {
      const ready = opts.isReady();
      const storage = opts.storage?.() ?? 'ok';
      const status = !ready ? 'unavailable' : storage === 'ok' ? 'ok' : 'degraded';
      return reply.code(ready ? 200 : 503).send({ status, storage, uptimeSeconds: Math.round(process.uptime()) });
    },
  );
};
