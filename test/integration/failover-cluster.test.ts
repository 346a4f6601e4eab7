/**
 * SDK failover in a cluster: two Pigeon nodes (child processes) on one real PostgreSQL and Redis.
 * Writers and a reader are connected to node A with `url: [A, B]`; node A is killed (-9) while the
 * writers keep sending. Everyone moves to node B by themselves; every acked message is stored once
 * and reaches the reader once, in seq order. Runs whenever postgres and redis-server are installed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import SDK from '@pigeon/sdk';
import { startChildServer, type ChildServer } from '../helpers/child-server.js';
import { Inbox, type Connection } from '../helpers/env.js';
import { hasPostgres, sharedPostgres, warnSkipped } from '../helpers/pg.js';
import { hasRedis, startRedis, type TestRedis } from '../helpers/redis.js';
import { waitFor } from '../helpers/wait.js';

const enabled = hasPostgres && hasRedis;
if (!enabled) warnSkipped('SDK failover across nodes');

const WRITERS = ['w1', 'w2', 'w3'];
const AFTER_KILL = 20; // acks each writer must get from node B before it stops
const txt = (to: string, msg: string) => SDK.message.create({ type: 'txt', chatType: 'singleChat', to, msg });
type Ack = { writer: string; text: string; id: string; seq: number; afterKill: boolean };
type Got = { id: string; from: string; seq: number; msg: string };

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
    for (const username of [...WRITERS, 'rd', 'late']) {
      const res = await fetch(`${a.httpUrl}/pigeon/demo/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: `pw-${username}` }),
      });
      expect(res.status).toBe(200);
    }
  });
  afterAll(async () => {
    await Promise.allSettled(conns.map((c) => c.close()));
    await Promise.allSettled([a?.kill9(), b?.stop()]);
    await redis?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('clients move to node B; every acked message is stored once and delivered once, in seq order', async () => {
    const reader = connect('rd-phone');
    const got: Got[] = [];
    reader.addEventHandler('got', {
      onTextMessage: (m) => void got.push({ id: m.id, from: m.from ?? '', seq: m.seq ?? -1, msg: m.msg }),
    });
    await reader.open({ user: 'rd', pwd: 'pw-rd' });
    const writers = await Promise.all(
      WRITERS.map(async (w) => {
        const conn = connect(`${w}-phone`);
        await conn.open({ user: w, pwd: `pw-${w}` });
        return { name: w, conn, inbox: new Inbox(conn) };
      }),
    );

    const acked: Ack[] = [];
    const failed: unknown[] = [];
    let sent = 0;
    let killed = false;
    const sendAll = async (w: (typeof writers)[number]) => {
      const pending = new Set<Promise<void>>();
      const doneAfterKill = () => acked.filter((x) => x.writer === w.name && x.afterKill).length >= AFTER_KILL;
      for (let i = 0; i < 5_000 && !doneAfterKill(); i++) {
        const text = `${w.name}-${i}`;
        sent++;
        const p: Promise<void> = w.conn
          .send(txt('rd', text))
          .then(
            (r) =>
              void acked.push({
                writer: w.name,
                text,
                id: r.serverMsgId,
                seq: r.message!.seq as number,
                afterKill: killed,
              }),
            (e: unknown) => void failed.push(e),
          )
          .finally(() => pending.delete(p));
        pending.add(p);
        if (pending.size >= 3) await Promise.race(pending);
      }
      await Promise.all(pending);
    };
    const sending = Promise.all(writers.map(sendAll));
    await waitFor(() => acked.length >= 60, '60 acks from node A', 30_000);
    const beforeKill = acked.length;
    await a.kill9();
    killed = true;
    await sending;

    expect(failed).toEqual([]);
    for (const w of writers) {
      expect(w.conn.state).toBe('open'); // node A is dead: open means on node B
      expect(w.inbox.of('onDisconnected')).toEqual([]);
    }
    await waitFor(() => got.length >= acked.length, 'the reader to have every acked message', 30_000);
    const ids = new Set(got.map((m) => m.id));
    const lost = acked.filter((x) => !ids.has(x.id));
    const duplicated = got.length - ids.size;
    const stored = await storedCounts(dbUrl);
    console.log(
      `failover: sent ${sent}, acked ${acked.length} (${beforeKill} before the kill), ` +
        `stored ${stored.rows} (duplicate bodies ${stored.dupBodies}), delivered ${got.length}, ` +
        `lost ${lost.length}, duplicated ${duplicated}, reader on ${reader.state}`,
    );
    expect(lost).toEqual([]);
    expect(duplicated).toBe(0);
    expect(stored).toEqual({ rows: acked.length, dupBodies: 0 });
    for (const w of WRITERS) {
      const seqs = got.filter((m) => m.from === w).map((m) => m.seq);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1)); // every seq once, in order, no gap
      for (const x of acked.filter((y) => y.writer === w)) expect(got.find((m) => m.id === x.id)?.seq).toBe(x.seq);
    }
  });

  it('a client opened after the kill skips the dead node for its token and its socket', async () => {
    const late = connect('late-phone');
    await late.open({ user: 'late', pwd: 'pw-late' });
    expect(late.state).toBe('open');
    await late.send(txt('rd', 'late hello'));
  });
});

async function storedCounts(url: string): Promise<{ rows: number; dupBodies: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows = await client.query<{ n: string }>(`SELECT count(*) AS n FROM messages WHERE sender LIKE 'w%'`);
    const dups = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM (SELECT sender, body FROM messages GROUP BY sender, body HAVING count(*) > 1) d`,
    );
    return { rows: Number(rows.rows[0]!.n), dupBodies: Number(dups.rows[0]!.n) };
  } finally {
    await client.end();
  }
}
