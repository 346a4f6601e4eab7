/**
 * Serves the built web console at /console and the demo chat app at /demo (packages/web/dist), with a
 * Content-Security-Policy that allows no inline or foreign scripts. When the web package has not been
 * built, both paths answer 503 with the command that builds it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';

export const WEB_PAGES = ['console', 'demo'] as const;

/** packages/web/dist next to this package, from src/http/routes or dist/http/routes alike. */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../../../web/dist', import.meta.url));

export function contentSecurityPolicy(host: string | undefined): string {
  const sockets = host ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Element Plus positions popovers with style attributes; no script can come in this way.
    "style-src 'self' 'unsafe-inline'",
    // The demo shows images and audio by URL, as chat apps do.
    "img-src 'self' data: blob: https: http:",
    "media-src 'self' blob: https: http:",
    "font-src 'self' data:",
    `connect-src 'self'${sockets}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}

async function securityHeaders(req: FastifyRequest, reply: FastifyReply): Promise<void> {
  void reply
    .header('content-security-policy', contentSecurityPolicy(req.headers.host))
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('x-frame-options', 'DENY');
}

function notBuilt(app: FastifyInstance, page: string, dir: string): void {
  const handler = async (_req: FastifyRequest, reply: FastifyReply) =>
    reply
      .code(503)
      .type('text/plain; charset=utf-8')
      .send(
        `The Pigeon ${page} is not built: ${join(dir, page, 'index.html')} is missing.\n` +
          'Build it with `npm run build` (or `npm run build -w @pigeon/web`) and restart the server.\n',
      );
  app.get(`/${page}`, { schema: { hide: true } }, handler);
  app.get(`/${page}/*`, { schema: { hide: true } }, handler);
}

export const webStaticRoutes: FastifyPluginAsync<{ webDir?: string }> = async (app, o) => {
  const dir = o.webDir ?? DEFAULT_WEB_DIR;
  for (const page of WEB_PAGES) {
    const root = join(dir, page);
    if (!existsSync(join(root, 'index.html'))) {
      notBuilt(app, page, dir);
      continue;
    }
    await app.register(async (scope) => {
      scope.addHook('onSend', securityHeaders);
      await scope.register(fastifyStatic, {
        root,
        prefix: `/${page}/`,
        index: 'index.html',
        // Hashed asset names never change; index.html must be re-read after a rebuild.
        setHeaders: (reply, path) => {
          void reply.header(
            'cache-control',
            path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
          );
        },
        cacheControl: false,
      });
      // The router ignores trailing slashes, so /page/ never reaches the plugin's wildcard: serve the index here.
      scope.get(`/${page}`, { schema: { hide: true } }, (_req, reply) =>
        reply.header('cache-control', 'no-cache').sendFile('index.html'),
      );
    });
  }
};
