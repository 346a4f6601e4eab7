/**
 * Pigeon itself, started through its CLI as a child process (`pigeon start --port 0 --data DIR`) on a
 * fresh data directory. Users are created through open registration on the default app
 * (`POST /pigeon/demo/users`, 60 at a time); tokens come from `mintUserToken` when the banner or the
 * data directory gives the app's client secret, else from the password grant.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchClient } from '../client.js';
import { FrameClient } from '../frame-client.js';
import { loopbackUrl } from '../loopback.js';
import { mapLimit } from '../concurrency.js';
import { spawnServer } from './child.js';
import type { Account, ConnectOptions, StartOptions, Target, TargetFactory } from './target.js';
import { authData } from './target.js';

export const APP_KEY = 'pigeon#demo';
const REPO = fileURLToPath(new URL('../../../', import.meta.url));
/**
 * The server as `npm start` runs it: the one-file bundle (dist/pigeon.mjs, `npm run build:bundle`)
 * when it is built, else the per-module build. PIGEON_BENCH_SERVER=cli forces the latter; a path to
 * another build's cli.js runs that one (before/after comparisons).
 */
const BUNDLE = join(REPO, 'packages/server/dist/pigeon.mjs');
const MODULES = join(REPO, 'packages/server/dist/cli.js');
const chosen = process.env.PIGEON_BENCH_SERVER;
export const SERVER_CLI = chosen === 'cli' ? MODULES : chosen ? resolve(chosen) : existsSync(BUNDLE) ? BUNDLE : MODULES;
const SERVER_INDEX = join(REPO, 'packages/server/dist/index.js');
const PASSWORD = 'bench-password-1';
/** The last banner line of `pigeon start`. */
export const READY_LINE = /Pigeon ready on (https?:\/\/\S+)/;

type MintFn = (o: {
  appKey: string;
  clientSecret: string;
  user: string;
  ttlSeconds: number;
}) => string | Promise<string>;

async function loadMint(): Promise<MintFn | undefined> {
  if (!existsSync(SERVER_INDEX)) return undefined;
  const mod = (await import(pathToFileURL(SERVER_INDEX).href)) as { mintUserToken?: MintFn };
  return mod.mintUserToken;
}

/** The default app's client secret (or id), if the CLI printed it. */
export function secretFromBanner(lines: string[], what: 'secret' | 'id' = 'secret'): string | undefined {
  const pattern = new RegExp(`client[ _-]?${what}\\W+([A-Za-z0-9_\\-.]{8,})`, 'i');
  for (const line of lines) {
    const m = pattern.exec(line);
    if (m) return m[1];
  }
  return undefined;
}

async function postJson(url: string, body: unknown, token?: string): Promise<unknown> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${url} -> ${res.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : {};
}

export const pigeon: TargetFactory = Object.freeze({
  name: 'pigeon',
  label: 'Pigeon',
  unavailable: () =>
    existsSync(SERVER_CLI) ? undefined : `the server is not built (${SERVER_CLI} missing: npm run build)`,
  async start(opts: StartOptions): Promise<Target> {
    const ownDir = opts.dataDir === undefined;
    const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'pigeon-bench-'));
    const removeDir = () => ownDir && rmSync(dataDir, { recursive: true, force: true });
    const child = await spawnServer({
      nodeArgs: [
        ...(opts.nodeFlags ?? []),
        SERVER_CLI,
        'start',
        '--port',
        '0',
        '--host',
        '127.0.0.1',
        '--data',
        dataDir,
        ...(opts.serverArgs ?? []),
      ],
      cpu: opts.cpu,
      readyPattern: READY_LINE,
      cwd: REPO,
      env: { ...process.env, NODE_ENV: 'production' },
    }).catch((err: unknown) => {
      removeDir();
      throw err;
    });
    const httpUrl = loopbackUrl(child.match[1]);
    const wsUrl = `${httpUrl.replace(/^http/, 'ws')}/ws`;
    const rest = `${httpUrl}/${APP_KEY.replace('#', '/')}`;
    const secret = secretFromBanner(child.lines);
    const mint = secret ? await loadMint() : undefined;

    const token = async (user: string): Promise<string> => {
      if (mint && secret) return mint({ appKey: APP_KEY, clientSecret: secret, user, ttlSeconds: 24 * 3600 });
      const reply = (await postJson(`${rest}/token`, {
        grant_type: 'password',
        username: user,
        password: PASSWORD,
      })) as {
        access_token: string;
      };
      return reply.access_token;
    };

    return Object.freeze({
      name: 'pigeon' as const,
      label: 'Pigeon',
      stores: true,
      child,
      dataDir,
      async accounts(count: number, prefix: string): Promise<Account[]> {
        const users = Array.from({ length: count }, (_, i) => `${prefix}${i}`);
        const batches: string[][] = [];
        for (let i = 0; i < users.length; i += 60) batches.push(users.slice(i, i + 60));
        // With the client secret, users get no password (no scrypt per user) and tokens are minted
        // offline, as an app's backend would; otherwise the password grant.
        await mapLimit(batches, 4, (batch) =>
          postJson(
            `${rest}/users`,
            batch.map((username) => (mint ? { username } : { username, password: PASSWORD })),
          ),
        );
        return mapLimit(users, 16, async (user) => ({ user, token: await token(user) }));
      },
      async createRoom(owner: string, maxUsers: number): Promise<string> {
        const grant = {
          grant_type: 'client_credentials',
          client_id: secretFromBanner(child.lines, 'id'),
          client_secret: secret,
        };
        const admin = (await postJson(`${rest}/token`, grant)) as { access_token: string };
        const body = { name: 'bench room', owner, maxusers: maxUsers };
        const created = (await postJson(`${rest}/chatrooms`, body, admin.access_token)) as { data: { id: string } };
        return created.data.id;
      },
      async connect(account: Account, c: ConnectOptions = {}): Promise<BenchClient> {
        const client = await FrameClient.open(wsUrl, c);
        await client.request('auth', authData(APP_KEY, account.token, c.deviceId ?? 'd0'));
        return client;
      },
      async stop() {
        await child.stop();
        removeDir();
      },
    });
  },
});
