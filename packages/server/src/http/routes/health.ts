import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';

export interface HealthOptions {
  /** False while starting or shutting down: /health answers 503 then. */
  isReady(): boolean;
}

export const healthRoutes: FastifyPluginAsyncTypebox<HealthOptions> = async (app, opts) => {
  const Health = Type.Object({
    status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
    uptimeSeconds: Type.Number(),
  });
  app.get(
    '/health',
    {
      schema: {
        summary: 'Readiness: 200 once the server serves requests, 503 while starting or stopping.',
        tags: ['server'],
        response: { 200: Health, 503: Health },
      },
    },
    async (_req, reply) => {
      const ready = opts.isReady();
      return reply
        .code(ready ? 200 : 503)
        .send({ status: ready ? 'ok' : 'unavailable', uptimeSeconds: Math.round(process.uptime()) });
    },
  );
};
