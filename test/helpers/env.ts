/**
 * Integration-test environment: a real Pigeon server on an ephemeral port with a temp data dir,
 * real users registered over REST, real SDK connections (Node adapter) to it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SDK from '@pigeon/sdk';
import { startServer } from '@pigeon/server';
import { sharedPostgres } from './pg.js';

export type PigeonServer = Awaited<ReturnType<typeof startServer>>;
export type ServerOptions = Parameters<typeof startServer>[0];
export type Connection = InstanceType<typeof SDK.connection>;
export type ConnectionOptions = ConstructorParameters<typeof SDK.connection>[0];

export interface TestEnv {
  srv: PigeonServer;
  dataDir: string;
  /** Registers users on the default app (open registration) and returns their names. */
  users(...names: string[]): Promise<string[]>;
  /** A Node SDK connection to the server (or to `url` when going through a proxy). */
  connection(extra?: Partial<ConnectionOptions>): Connection;
  /** Opens a connection as `user` (password = `pw-${user}`) and registers a collector. */
  login(user: string, extra?: Partial<ConnectionOptions>): Promise<{ conn: Connection; inbox: Inbox }>;
  close(): Promise<void>;
}

let counter = 0;

/** PIGEON_TEST_DB=postgres runs every environment on a fresh database of a real PostgreSQL. */
async function dbOptions(): Promise<Partial<ServerOptions>> {
  if (process.env.PIGEON_TEST_DB !== 'postgres') return {};
  return { db: { url: await (await sharedPostgres()).database() } };
}

export async function startEnv(opts: Partial<ServerOptions> = {}): Promise<TestEnv> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pigeon-test-'));
  opts = { ...(await dbOptions()), ...opts };
  const srv = await startServer({ port: 0, host: '127.0.0.1', dataDir, logLevel: 'silent', ...opts } as ServerOptions);
  const open: Connection[] = [];
  const env: TestEnv = {
    srv,
    dataDir,
    async users(...names) {
      const [org, app] = srv.defaultApp!.appKey.split('#');
      for (const username of names) {
        const res = await fetch(`${srv.httpUrl}/${org}/${app}/users`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: `pw-${username}` }),
        });
        if (res.status !== 200) throw new Error(`register ${username}: ${res.status} ${await res.text()}`);
      }
      return names;
    },
    connection(extra = {}) {
      const conn = new SDK.connection({
        appKey: srv.defaultApp!.appKey,
        url: srv.wsUrl,
        apiUrl: srv.httpUrl,
        platform: 'node',
        heartBeatWait: 5_000,
        autoReconnectNumMax: 20,
        deviceId: `dev-${++counter}`,
        ...extra,
      } as ConnectionOptions);
      open.push(conn);
      return conn;
    },
    async login(user, extra = {}) {
      const conn = env.connection(extra);
      const inbox = new Inbox(conn);
      await conn.open({ user, pwd: `pw-${user}` });
      return { conn, inbox };
    },
    async close() {
      await Promise.allSettled(open.map((c) => c.close()));
      await srv.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return env;
}

const HANDLER_NAMES = [
  'onConnected',
  'onDisconnected',
  'onReconnecting',
  'onOnline',
  'onOffline',
  'onError',
  'onTokenWillExpire',
  'onTokenExpired',
  'onOfflineMessageSyncStart',
  'onOfflineMessageSyncFinish',
  'onTextMessage',
  'onImageMessage',
  'onAudioMessage',
  'onVideoMessage',
  'onFileMessage',
  'onLocationMessage',
  'onCmdMessage',
  'onCustomMessage',
  'onMessage',
  'onReceivedMessage',
  'onDeliveredMessage',
  'onReadMessage',
  'onChannelMessage',
  'onRecallMessage',
  'onContactInvited',
  'onContactAgreed',
  'onContactRefuse',
  'onContactAdded',
  'onContactDeleted',
  'onGroupEvent',
  'onChatroomEvent',
  'onPresenceStatusChange',
];

type AnyMessage = { id: string; type: string; from: string; to: string; seq?: number; [k: string]: unknown };

/** Records every event an SDK connection emits, in order. */
export class Inbox {
  readonly events: Array<{ name: string; data: unknown }> = [];
  constructor(conn: Connection) {
    const handler: Record<string, (data: unknown) => void> = {};
    for (const name of HANDLER_NAMES) handler[name] = (data: unknown) => this.events.push({ name, data });
    conn.addEventHandler(`inbox-${++counter}`, handler as never);
  }
  of(name: string): unknown[] {
    return this.events.filter((e) => e.name === name).map((e) => e.data);
  }
  /** Every message received through the per-type handlers, in arrival order. */
  messages(): AnyMessage[] {
    const kinds = [
      'onTextMessage',
      'onImageMessage',
      'onAudioMessage',
      'onVideoMessage',
      'onFileMessage',
      'onLocationMessage',
      'onCmdMessage',
      'onCustomMessage',
    ];
    return this.events.filter((e) => kinds.includes(e.name)).map((e) => e.data as AnyMessage);
  }
  texts(): string[] {
    return this.of('onTextMessage').map((m) => (m as { msg: string }).msg);
  }
}
