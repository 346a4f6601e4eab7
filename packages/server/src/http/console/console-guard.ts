/**
 * Who may call the console API: a signed-in platform administrator (session cookie), and for every
 * change also the session's anti-CSRF token in a header. Requests from another origin are refused
 * outright; the cookie is HttpOnly and SameSite=Strict besides.
 */
import { PigeonError } from '@pigeon/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sameSecret, type Core } from '../../core/index.js';
import type { ConsoleSession } from '../../core/ports/console.js';

export const SESSION_COOKIE = 'pigeon_console';
export const CSRF_HEADER = 'x-csrf-token';
export const COOKIE_PATH = '/console';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    consoleSession?: ConsoleSession;
  }
}

/**
 * A browser names the page's origin on cross-site requests; it must be this server: the Host it was
 * asked for, the host a proxy says it forwarded (X-Forwarded-Host), or the configured public URL.
 */
export function checkOrigin(req: FastifyRequest, publicUrl?: string): void {
  const origin = req.headers.origin;
  if (!origin) return;
  const hostOf = (url: string) => {
    try {
      return new URL(url).host;
    } catch {
      return '';
    }
  };
  const forwarded = req.headers['x-forwarded-host'];
  const allowed = [req.headers.host, typeof forwarded === 'string' ? forwarded : undefined];
  if (publicUrl) allowed.push(hostOf(publicUrl));
  const host = hostOf(origin);
  if (!host || !allowed.includes(host))
    throw new PigeonError('FORBIDDEN', 'The console API only answers pages of its own origin.');
}

export async function requireConsoleSession(core: Core, req: FastifyRequest): Promise<ConsoleSession> {
  const session = await core.console.session(req.cookies[SESSION_COOKIE]);
  if (!SAFE_METHODS.has(req.method)) {
    const token = req.headers[CSRF_HEADER];
    if (typeof token !== 'string' || !sameSecret(token, session.csrf))
      throw new PigeonError('FORBIDDEN', `Missing or wrong ${CSRF_HEADER} header (anti-CSRF token).`);
  }
  req.consoleSession = session;
  return session;
}

export function secureCookies(req: FastifyRequest, publicUrl: string | undefined): boolean {
  return req.protocol === 'https' || Boolean(publicUrl?.startsWith('https:'));
}

export function setSessionCookie(
  reply: FastifyReply,
  value: string,
  o: { secure: boolean; maxAgeSeconds: number },
): void {
  void reply.setCookie(SESSION_COOKIE, value, {
    path: COOKIE_PATH,
    httpOnly: true,
    sameSite: 'strict',
    secure: o.secure,
    maxAge: o.maxAgeSeconds,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: COOKIE_PATH });
}
