/**
 * The real server on port 0 (temp data dir) driven by the real SDK over real sockets, plus REST with
 * the admin token, for the group and chatroom tests.
 */
import SDK, { type EventHandlers } from '@pigeon/sdk';
import { mintUserToken, type PigeonServer, type StartOptions } from '@pigeon/server';
import { startEnv as startBase } from '../helpers/env.js';

export type Conn = InstanceType<typeof SDK.connection>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- REST bodies are read field by field
export type Json = any;

export interface Inbox {
  /** Every event the handler saw, in order: [name, argument]. */
  all: Array<[string, unknown]>;
  of<T = Json>(name: keyof EventHandlers): T[];
  texts(): string[];
}

export interface Env {
  server: PigeonServer;
  appKey: string;
  /** Fresh users with unique names (password pw-<name>). */
  users(n: number, prefix?: string): Promise<string[]>;
  login(user: string, opts?: Record<string, unknown>): Promise<{ conn: Conn; inbox: Inbox }>;
  /** REST as the app admin: `path` after /{org}/{app}. */
  rest(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }>;
  tokenFor(user: string): Promise<string>;
  close(): Promise<void>;
}

const EVENTS: Array<keyof EventHandlers> = [
  'onTextMessage',
  'onCmdMessage',
  'onCustomMessage',
  'onGroupEvent',
  'onChatroomEvent',
  'onReadMessage',
  'onRecallMessage',
  'onConnected',
  'onDisconnected',
  'onReconnecting',
  'onOfflineMessageSyncFinish',
];

export function inboxOf(conn: Conn): Inbox {
  const all: Inbox['all'] = [];
  const handlers: Record<string, (a: unknown) => void> = {};
  for (const name of EVENTS) handlers[name] = (a) => void all.push([name, a]);
  conn.addEventHandler('inbox', handlers as EventHandlers);
  return {
    all,
    of: <T>(name: keyof EventHandlers) => all.filter(([n]) => n === name).map(([, a]) => a as T),
    texts: () => all.filter(([n]) => n === 'onTextMessage').map(([, a]) => (a as { msg: string }).msg),
  };
}

let seq = 0;

/** The shared integration environment (test/helpers/env.ts) plus the admin REST, tokens and inboxes. */
export async function startEnv(options: Partial<StartOptions> = {}): Promise<Env> {
  const base = await startBase({ passwordCost: 1024, ...options });
  const server = base.srv;
  const appKey = server.defaultApp!.appKey;
  const app = await server.core.apps.get(appKey);
  const url = `${server.httpUrl}/${appKey.replace('#', '/')}`;
  let adminToken: string | undefined;
  const call = async (method: string, path: string, body?: unknown, token?: string) => {
    const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(url + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Json) : undefined };
  };
  const env: Env = {
    server,
    appKey,
    async users(n, prefix = 'u') {
      const names = Array.from({ length: n }, () => `${prefix}${process.pid}x${++seq}`);
      for (let i = 0; i < names.length; i += 60) {
        const batch = names.slice(i, i + 60).map((username) => ({ username, password: `pw-${username}` }));
        const r = await env.rest('POST', '/users', batch);
        if (r.status !== 200) throw new Error(`create users: ${JSON.stringify(r.body)}`);
      }
      return names;
    },
    async login(user, opts = {}) {
      const conn = base.connection({ autoReconnectInterval: 50, autoReconnectMaxDelay: 200, ...opts });
      const inbox = inboxOf(conn);
      await conn.open({ user, accessToken: await env.tokenFor(user) });
      return { conn, inbox };
    },
    async rest(method, path, body) {
      if (!adminToken) {
        const grant = { grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret };
        adminToken = (await call('POST', '/token', grant)).body.access_token as string;
      }
      return call(method, path, body, adminToken);
    },
    tokenFor: (user) => mintUserToken({ appKey, clientSecret: app.clientSecret, user, ttlSeconds: 3600 }),
    close: () => base.close(),
  };
  return env;
}

/** Waits for a condition (polling, no fixed sleeps in assertions). */
export async function until<T>(probe: () => T | Promise<T>, what: string, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The typed error a promise rejects with (fails the test if it resolves). */
export async function rejection(p: Promise<unknown>): Promise<{ type: string; code: number; details?: Json }> {
  try {
    await p;
  } catch (e) {
    return e as { type: string; code: number; details?: Json };
  }
  throw new Error('expected a rejection');
}

export const text = (
  to: string,
  msg: string,
  chatType: 'groupChat' | 'chatRoom',
  extra: Record<string, unknown> = {},
) => SDK.message.create({ type: 'txt', chatType, to, msg, ...extra });
