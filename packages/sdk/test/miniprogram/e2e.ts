/**
 * What every mini-program end-to-end file shares: a REAL Pigeon server per file, registered users,
 * a Node SDK user on the other side of each chat, and mini-program users on a platform's
 * single-file build. `useE2e()` registers the vitest hooks and returns the helpers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SDK from '@pigeon/sdk';
import { startServer } from '@pigeon/server';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { MiniProgramPlatform } from '../runtimes/index.js';
import type { SimOptions } from '../runtimes/sim-runtime.js';
import { ensureMiniProgramBuilds, loadMiniProgram, type LoadedMiniProgram, type MiniConnection } from './harness.js';

type Server = Awaited<ReturnType<typeof startServer>>;
export type NodeConn = InstanceType<typeof SDK.connection>;
export interface Text {
  from: string;
  msg: string;
}
type Creator = { message: { create(o: object): unknown } };

export const text = (M: Creator, to: string, msg: string) =>
  M.message.create({ type: 'txt', chatType: 'singleChat', to, msg }) as never;

export const sendFrom = (conn: MiniConnection | NodeConn, M: Creator, to: string, msg: string) =>
  (conn as MiniConnection).send(text(M, to, msg));

export function useE2e() {
  let srv: Server;
  let dataDir: string;
  let seq = 0;
  const cleanups: Array<() => unknown> = [];

  beforeAll(async () => {
    await ensureMiniProgramBuilds();
    dataDir = mkdtempSync(join(tmpdir(), 'pigeon-mp-e2e-'));
    srv = await startServer({ port: 0, host: '127.0.0.1', dataDir, logLevel: 'silent' });
  }, 120_000);

  afterAll(async () => {
    await srv?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function users(n: number): Promise<string[]> {
    const [org, app] = srv.defaultApp!.appKey.split('#');
    const names = Array.from({ length: n }, () => `u${process.pid}x${++seq}`);
    for (const username of names) {
      const res = await fetch(`${srv.httpUrl}/${org}/${app}/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: `pw-${username}` }),
      });
      if (res.status !== 200) throw new Error(`register ${username}: ${res.status} ${await res.text()}`);
    }
    return names;
  }

  const options = (extra: Record<string, unknown> = {}) => ({
    appKey: srv.defaultApp!.appKey,
    url: srv.wsUrl,
    apiUrl: srv.httpUrl,
    heartBeatWait: 1000,
    autoReconnectInterval: 300,
    autoReconnectMaxDelay: 2000,
    ...extra,
  });

  /** A user of the Node build: the other side of every chat. */
  async function nodeUser(user: string): Promise<{ conn: NodeConn; inbox: Text[] }> {
    const conn = new SDK.connection({ ...options(), platform: 'node', isFixedDeviceId: false });
    const inbox: Text[] = [];
    conn.addEventHandler('t', { onTextMessage: (m) => void inbox.push({ from: m.from ?? '', msg: m.msg }) });
    await conn.open({ user, pwd: `pw-${user}` });
    cleanups.push(() => conn.close());
    return { conn, inbox };
  }

  /** `core`: load the core-chat build (pigeon-<platform>-core.js) instead of the full one. */
  function mini(platform: MiniProgramPlatform, sim: SimOptions = {}, core = false): LoadedMiniProgram {
    const m = loadMiniProgram(platform, sim, core);
    cleanups.push(() => {
      m.runtime.show(); // a hidden app's timers are frozen: close() could not finish
      m.runtime.destroy();
    });
    return m;
  }

  async function miniUser(m: LoadedMiniProgram, user: string, extra = {}) {
    const conn = new m.SDK.connection(options(extra));
    const inbox: Text[] = [];
    conn.addEventHandler('t', { onTextMessage: (t: Text) => void inbox.push({ from: t.from, msg: t.msg }) });
    await conn.open({ user, pwd: `pw-${user}` });
    cleanups.unshift(() => conn.close());
    return { conn, inbox };
  }

  return { users, options, nodeUser, mini, miniUser };
}
