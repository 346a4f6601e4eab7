/**
 * SDK failover in a cluster: two Pigeon nodes (child processes) on one real PostgreSQL and Redis.
 * Writers and a reader are connected to node A with `url: [A, B]`; node A is killed (-9) while the
 * writers keep sending. Everyone moves to node B by themselves; every acked message is stored once
 * and reaches the reader once, in seq order. Runs whenever postgres and redis-server are installed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import SDK from '@pigeon/sdk';
import { registerUsers, startChildServer, type ChildServer } from '../helpers/child-server.js';
import { Inbox, type Connection } from '../helpers/env.js';
import { Ledger } from '../helpers/ledger.js';
import { hasPostgres, sharedPostgres, warnSkipped } from '../helpers/pg.js';
import { hasRedis, startRedis, type TestRedis } from '../helpers/redis.js';
import { waitFor } from '../helpers/wait.js';

const enabled = hasPostgres && hasRedis;
if (!enabled) warnSkipped('SDK failover across nodes');

const WRITERS = ['w1', 'w2', 'w3'];
const AFTER_KILL = 20; // acks each writer must get from node B before it stops
const txt = (to: string, msg: string) => SDK.message.create({ type: 'txt', chatType: 'singleChat', to, msg });

describe.skipIf(!enabled)('SDK failover: node A killed -9 under sustained sends', () => {
  let redis: TestRedis;
  let dbUrl: string;
  const dirs: string[] = [];
  let a: ChildServer;
  let b: ChildServer;
  const conns: Connection[] = [];

  const node = async (id: number) => {
    const dir = mkdtempSync(join(tmpdir(), `pigeon-failover-${id}-`));
    dirs.push(dir);
    const args = ['--db', dbUrl, '--redis', redis.url, '--node-id', String(id), '--sends-per-second', '100000'];
    return startChildServer(dir, 0, args);
  };
  const connect = (deviceId: string) => {
    const conn = new SDK.connection({
      appKey: 'pigeon#demo',
      url: [a.wsUrl, b.wsUrl],
      apiUrl: [a.httpUrl, b.httpUrl],
      platform: 'node',
      deviceId,
      heartBeatWait: 5_000,
      autoReconnectNumMax: 20,
      autoReconnectInterval: 50,
      autoReconnectMaxDelay: 500,
    });
    conns.push(conn);
    return conn;
  };

  beforeAll(async () => {
    redis = await startRedis();
    dbUrl = await (await sharedPostgres()).database();
    a = await node(1); // creates the demo app; B finds it
    b = await node(2);
    await registerUsers(a.httpUrl, [...WRITERS, 'rd', 'late']);
  });
  afterAll(async () => {
    await Promise.allSettled(conns.map((c) => c.close()));
    await Promise.allSettled([a?.kill9(), b?.stop()]);
    await redis?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('clients move to node B; every acked message is stored once and delivered once, in seq order', async () => {
    const ledger = new Ledger();
    const reader = connect('rd-phone');
    ledger.receive('rd', reader);
    await reader.open({ user: 'rd', pwd: 'pw-rd' });
    const writers = await Promise.all(
      WRITERS.map(async (w) => {
        const conn = connect(`${w}-phone`);
        await conn.open({ user: w, pwd: `pw-${w}` });
        return { name: w, conn, to: 'rd', inbox: new Inbox(conn) };
      }),
    );

    const sending = Promise.all(
      writers.map((w) => ledger.sendUntil(w, () => ledger.acksOf(w.name, 'after') >= AFTER_KILL)),
    );
    await waitFor(() => ledger.acked.length >= 60, '60 acks from node A', 30_000);
    await a.kill9();
    ledger.phase = 'after';
    await sending;

    expect(ledger.failed).toEqual([]);
    for (const w of writers) {
      expect(w.conn.state).toBe('open'); // node A is dead: open means on node B
      expect(w.inbox.of('onDisconnected')).toEqual([]);
    }
    await waitFor(() => ledger.delivered() >= ledger.acked.length, 'the reader to have every acked message', 30_000);
    const tally = await ledger.tally(dbUrl);
    ledger.print('failover (node A killed -9)', tally, `, reader on ${reader.state}`);
    ledger.expectClean(tally);
  });

  it('a client opened after the kill skips the dead node for its token and its socket', async () => {
    const late = connect('late-phone');
    await late.open({ user: 'late', pwd: 'pw-late' });
    expect(late.state).toBe('open');
    await late.send(txt('rd', 'late hello'));
  });
});
