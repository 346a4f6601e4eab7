/**
 * CORS for browsers and the web console on other origins. REST auth is a Bearer header, never a
 * cookie, so allowing any origin exposes nothing a page could not already send.
 */
import type { FastifyInstance } from 'fastify';

export function installCors(app: FastifyInstance): void {
  app.addHook('onRequest', async (req, reply) => {
    if (!req.headers.origin) return;
    void reply.header('access-control-allow-origin', '*');
    if (req.method !== 'OPTIONS') return;
    void reply
      .header('access-control-allow-methods', 'GET,POST,PUT,DELETE,OPTIONS')
      .header(
        'access-control-allow-headers',
        req.headers['access-control-request-headers'] ?? 'authorization,content-type',
      )
      .header('access-control-max-age', '86400')
      .code(204)
      .send();
  });
}
