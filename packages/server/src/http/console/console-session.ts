/** Sign-in, sign-out and "who am I" for the console. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { ConsoleApiOptions } from './console-options.js';
import { clearSessionCookie, SESSION_COOKIE, secureCookies, setSessionCookie } from './console-guard.js';

const hide = { hide: true } as const;

export const consoleSessionRoutes: FastifyPluginAsyncTypebox<ConsoleApiOptions> = async (app, o) => {
  app.post(
    '/console/api/login',
    {
      schema: {
        ...hide,
        body: Type.Object({
          username: Type.String({ minLength: 1, maxLength: 64 }),
          password: Type.String({ minLength: 1, maxLength: 256 }),
        }),
      },
    },
    async (req, reply) => {
      const s = await o.core.console.signIn(req.body.username, req.body.password, req.ip, o.sessionTtlSeconds * 1000);
      setSessionCookie(reply, s.sessionId, {
        secure: secureCookies(req, o.publicUrl),
        maxAgeSeconds: o.sessionTtlSeconds,
      });
      return { username: req.body.username, csrf: s.csrf, expiresAt: s.expiresAt };
    },
  );

  app.post('/console/api/logout', { schema: hide }, async (req, reply) => {
    await o.core.console.signOut(req.cookies[SESSION_COOKIE]);
    clearSessionCookie(reply);
    return { signedOut: true };
  });

  app.get('/console/api/session', { schema: hide }, async (req) => {
    const s = req.consoleSession!;
    return { username: s.username, csrf: s.csrf, expiresAt: s.expiresAt };
  });
};
