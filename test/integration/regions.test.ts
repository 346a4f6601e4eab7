/**
 * Regions for clients: GET /{org}/{app}/regions (Pigeon's), GET /easemob/server.json (Easemob's DNS
 * document, for SDKs with isHttpDNS), and the SDK's `discoveryUrl`, which takes the regions as its
 * failover list: with two cluster nodes as two regions, a client that knows only node A's address
 * moves to node B when A is killed -9 (that part needs the postgres/redis binaries; skipped loudly).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import SDK from '@pigeon/sdk';
import { registerUsers, startChildServer, type ChildServer } from '../helpers/child-server.js';
import { startEnv, type Connection, type TestEnv } from '../helpers/env.js';
import { freePort } from '../helpers/free-port.js';
import { hasPostgres, sharedPostgres, warnSkipped } from '../helpers/pg.js';
import { hasRedis, startRedis, type TestRedis } from '../helpers/redis.js';
import { rest } from '../helpers/rest.js';
import { waitFor } from '../helpers/wait.js';

const REGIONS = [
  { name: 'cn-east', restUrl: 'https://im-east.example.com/', wsUrl: 'wss://im-east.example.com/ws' },
  {
    name: 'cn-north',
    restUrl: 'http://10.0.0.7:8080',
    wsUrl: 'ws://10.0.0.7:8080/ws',
    fileUrl: 'https://files.example.com',
  },
];

describe('regions over REST', () => {
  let env: TestEnv;
  let plain: TestEnv;
  beforeAll(async () => {
    env = await startEnv({ regions: REGIONS });
    plain = await startEnv();
  });
  afterAll(async () => {
    await env?.close();
    await plain?.close();
  });
  const appPath = (e: TestEnv) => `/${e.srv.defaultApp!.appKey.replace('#', '/')}`;

  it('GET /{org}/{app}/regions lists each region (no token needed)', async () => {
    const r = await rest(env.srv, 'GET', `${appPath(env)}/regions`);
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual([
      {
        name: 'cn-east',
        restUrl: 'https://im-east.example.com',
        wsUrl: 'wss://im-east.example.com/ws',
        msyncUrl: 'wss://im-east.example.com/websocket',
      },
      {
        name: 'cn-north',
        restUrl: 'http://10.0.0.7:8080',
        wsUrl: 'ws://10.0.0.7:8080/ws',
        msyncUrl: 'ws://10.0.0.7:8080/websocket',
        fileUrl: 'https://files.example.com',
      },
    ]);
  });

  it('without configured regions, the server itself as the client reached it', async () => {
    const r = await rest(plain.srv, 'GET', `${appPath(plain)}/regions`);
    const base = plain.srv.httpUrl;
    const ws = base.replace(/^http/, 'ws');
    expect(r.body.data).toEqual([{ name: 'default', restUrl: base, wsUrl: `${ws}/ws`, msyncUrl: `${ws}/websocket` }]);
  });

  it('an unknown app is APP_NOT_FOUND', async () => {
    const r = await rest(env.srv, 'GET', '/nobody/nothing/regions');
    expect(r).toMatchObject({ status: 404, body: { name: 'APP_NOT_FOUND' } });
  });

  it('GET /easemob/server.json gives the Easemob DNS document the Easemob SDK reads', async () => {
    const key = encodeURIComponent(env.srv.defaultApp!.appKey);
    const r = await rest(env.srv, 'GET', `/easemob/server.json?app_key=${key}&_v=1795615646701`);
    expect(r.status).toBe(200);
    const sockets = [
      { protocol: 'https', domain: 'im-east.example.com', ip: '', port: '443' },
      { protocol: 'http', domain: '10.0.0.7', ip: '', port: '8080' },
    ];
    expect(r.body).toEqual({
      rest: { hosts: sockets },
      'msync-wx': { hosts: sockets },
      'msync-ws': { hosts: sockets },
      enableReportLogs: 'false',
      enableDataReport: 'false',
    });
    // Some SDK builds encode the key twice (org%2523app): the same document.
    const twice = await rest(env.srv, 'GET', `/easemob/server.json?app_key=${encodeURIComponent(key)}`);
    expect(twice.body).toEqual(r.body);
  });

  it('server.json refuses a missing or malformed app_key (BAD_REQUEST) and an unknown app (APP_NOT_FOUND)', async () => {
    for (const q of ['', '?app_key=', '?app_key=nohash', '?app_key=a%23b%23c', '?app_key=%23app']) {
      const r = await rest(env.srv, 'GET', `/easemob/server.json${q}`);
      expect(r, q).toMatchObject({ status: 400, body: { name: 'BAD_REQUEST' } });
    }
    const r = await rest(env.srv, 'GET', '/easemob/server.json?app_key=nobody%23nothing');
    expect(r).toMatchObject({ status: 404, body: { name: 'APP_NOT_FOUND' } });
  });

  it('the SDK: discoveryUrl of an unknown app fails open() with APP_NOT_FOUND; a bad discoveryUrl is refused', async () => {
    const conn = new SDK.connection({ appKey: 'nobody#nothing', discoveryUrl: env.srv.httpUrl, platform: 'node' });
    await expect(conn.open({ user: 'u', pwd: 'p' })).rejects.toMatchObject({ type: 'APP_NOT_FOUND' });
    expect(() => new SDK.connection({ appKey: 'a#b', discoveryUrl: 'ftp://x', platform: 'node' } as never)).toThrow(
      expect.objectContaining({ type: 'INVALID_ARGUMENT' }) as Error,
    );
  });
});

const enabled = hasPostgres && hasRedis;
if (!enabled) warnSkipped('SDK discovery and failover across regions');

describe.skipIf(!enabled)('SDK discoveryUrl: two nodes as two regions', () => {
  let redis: TestRedis;
  const dirs: string[] = [];
  let a: ChildServer;
  let b: ChildServer;
  const conns: Connection[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    const db = await (await sharedPostgres()).database();
    const [pa, pb] = [await freePort(), await freePort()];
    const regions = [pa, pb].map((p, i) => ({
      name: `r${i}`,
      restUrl: `http://127.0.0.1:${p}`,
      wsUrl: `ws://127.0.0.1:${p}/ws`,
    }));
    const env = { PIGEON_REGIONS: JSON.stringify(regions) };
    const node = async (id: number, port: number) => {
      const dir = mkdtempSync(join(tmpdir(), `pigeon-regions-${id}-`));
      dirs.push(dir);
      return startChildServer(dir, port, ['--db', db, '--redis', redis.url, '--node-id', String(id)], env);
    };
    a = await node(1, pa);
    b = await node(2, pb);
    await registerUsers(a.httpUrl, ['dora', 'dan']);
  });
  afterAll(async () => {
    await Promise.allSettled(conns.map((c) => c.close()));
    await Promise.allSettled([a?.kill9(), b?.stop()]);
    await redis?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('knows only node A, learns B from the regions, and moves to B when A is killed -9', async () => {
    const open = async (user: string) => {
      const conn = new SDK.connection({
        appKey: 'pigeon#demo',
        discoveryUrl: a.httpUrl,
        platform: 'node',
        deviceId: `${user}-phone`,
        heartBeatWait: 5_000,
        autoReconnectInterval: 50,
        autoReconnectMaxDelay: 500,
      });
      conns.push(conn);
      await conn.open({ user, pwd: `pw-${user}` });
      return conn;
    };
    const dora = await open('dora');
    const dan = await open('dan');
    const got: string[] = [];
    dan.addEventHandler('got', { onTextMessage: (m) => void got.push(m.msg) });
    const txt = (msg: string) => SDK.message.create({ type: 'txt', chatType: 'singleChat', to: 'dan', msg });
    await dora.send(txt('before'));
    await waitFor(() => got.includes('before'), 'dan to get "before"');

    await a.kill9();
    await dora.send(txt('after')); // waits in the outbox while dora moves to node B
    await waitFor(() => got.includes('after'), 'dan (moved to node B too) to get "after"', 30_000);
    expect([dora.state, dan.state]).toEqual(['open', 'open']);
  });
});
