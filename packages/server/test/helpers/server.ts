/** Starts a real server on port 0 with a temp data dir, plus REST helpers for tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintUserToken, startServer, type PigeonServer, type StartOptions } from '@pigeon/server';

export interface TestServer extends PigeonServer {
  dataDir: string;
  /** Admin token of the default app (or of `appKey`). */
  adminToken(appKey?: string): Promise<string>;
  /** Creates users (password "pw-<name>") in the app, as admin. */
  createUsers(names: string[], appKey?: string): Promise<void>;
  /** A user token minted offline from the app secret. */
  tokenFor(user: string, appKey?: string): Promise<string>;
  rest(
    method: string,
    path: string,
    opts?: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> },
  ): Promise<{ status: number; body: Json }>;
  close(): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test bodies are read field by field
export type Json = any;

export function tempDir(prefix = 'pigeon-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function startTestServer(opts: StartOptions = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? tempDir();
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    logLevel: 'silent',
    passwordCost: 1024,
    ...opts,
    dataDir,
  });
  const secrets = new Map<string, string>();
  const app = (appKey?: string) => appKey ?? server.defaultApp!.appKey;
  const secretOf = async (appKey: string) => {
    if (!secrets.has(appKey)) secrets.set(appKey, (await server.core.apps.get(appKey)).clientSecret);
    return secrets.get(appKey)!;
  };
  const path = (appKey: string, rest: string) => `/${appKey.replace('#', '/')}${rest}`;
  const t: TestServer = Object.assign(Object.create(server) as PigeonServer, server, {
    dataDir,
    async rest(
      method: string,
      p: string,
      o: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
    ) {
      const headers: Record<string, string> = { ...(o.headers ?? {}) };
      if (o.token) headers.authorization = `Bearer ${o.token}`;
      if (o.body !== undefined || o.raw !== undefined) headers['content-type'] ??= 'application/json';
      const res = await fetch(`${server.httpUrl}${p}`, {
        method,
        headers,
        body: o.raw ?? (o.body === undefined ? undefined : JSON.stringify(o.body)),
      });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as Json) : undefined };
    },
    async adminToken(appKey?: string) {
      const k = app(appKey);
      const a = await server.core.apps.get(k);
      const r = await t.rest('POST', path(k, '/token'), {
        body: { grant_type: 'client_credentials', client_id: a.clientId, client_secret: a.clientSecret },
      });
      if (r.status !== 200) throw new Error(`admin token: ${JSON.stringify(r.body)}`);
      return r.body.access_token as string;
    },
    async createUsers(names: string[], appKey?: string) {
      const k = app(appKey);
      const token = await t.adminToken(k);
      const r = await t.rest('POST', path(k, '/users'), {
        token,
        body: names.map((username) => ({ username, password: `pw-${username}` })),
      });
      if (r.status !== 200) throw new Error(`create users: ${JSON.stringify(r.body)}`);
    },
    async tokenFor(user: string, appKey?: string) {
      const k = app(appKey);
      return mintUserToken({ appKey: k, clientSecret: await secretOf(k), user, ttlSeconds: 3600 });
    },
    async close() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
  return t;
}
