/**
 * PostgreSQL killed (-9, the postmaster and every backend) under sustained traffic on two nodes,
 * then started again on the same data directory and port (crash recovery). While it is down the
 * nodes keep their connections and refuse sends with UNAVAILABLE (nothing acked without a commit);
 * the SDK sends them again; the nodes' pools reconnect by themselves. Afterwards every acked message
 * is stored once and reached its reader once, in seq order. Prints sent / acked / stored / delivered
 * / duplicated / lost. Skipped, loudly, without the postgres/redis binaries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import SDK from '@pigeon/sdk';
import type { TestEnv } from '../helpers/env.js';
import { crossNodeTraffic, Ledger } from '../helpers/ledger.js';
import { hasPostgres, startPostgres, warnSkipped, type TestPostgres } from '../helpers/pg.js';
import { hasRedis } from '../helpers/redis.js';
import { adminToken, rest } from '../helpers/rest.js';
import { startTwoNodes, type TwoNodes } from '../helpers/two-nodes.js';
import { waitFor } from '../helpers/wait.js';

const enabled = hasPostgres && hasRedis;
if (!enabled) warnSkipped('PostgreSQL killed under traffic');

const AFTER = 20; // acks each writer must get after PostgreSQL is back before it stops

describe.skipIf(!enabled)('PostgreSQL killed -9 under sustained traffic on two nodes', () => {
  let db: TestPostgres | undefined;
  let nodes: TwoNodes | undefined;
  let n1: TestEnv;
  let n2: TestEnv;
  beforeAll(async () => {
    db = await startPostgres({ durable: true });
    nodes = await startTwoNodes({ dbUrl: await db.database() });
    ({ n1, n2 } = nodes);
    await n1.users('pa', 'pb', 'a1', 'a2', 'a3', 'b1', 'b2', 'b3', 'probe');
  });
  afterAll(async () => {
    await nodes?.close();
    await db?.stop();
  });

  it('sends are refused as UNAVAILABLE and retried; nodes recover; every ack stored and delivered once, in order', async () => {
    const ledger = new Ledger();
    // Readers and writers on both nodes; each writer's reader is on the other node.
    const { readers, writers } = await crossNodeTraffic(ledger, n1, n2, ['pa', 'pb']);
    const probe = await n1.login('probe', { outboxTimeout: 1_500 });
    const token = await adminToken(n2.srv);
    const sending = Promise.all(writers.map((w) => ledger.sendUntil(w, () => ledger.acksOf(w.name, 'after') >= AFTER)));
    await waitFor(() => ledger.acked.length >= 60, '60 acks before the kill', 30_000);

    await db!.kill9();
    ledger.phase = 'outage';
    // The typed refusal: on a socket (the SDK retries until its outbox timeout), over REST, at login.
    const refused = await probe.conn
      .send(SDK.message.create({ type: 'txt', chatType: 'singleChat', to: 'pa', msg: 'probe' }))
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ type: 'OUTBOX_TIMEOUT', cause: { type: 'UNAVAILABLE' } });
    const path = `/${n2.srv.defaultApp!.appKey.replace('#', '/')}/messages/users`;
    const viaRest = await rest(n2.srv, 'POST', path, {
      token,
      body: { from: 'probe', to: ['pb'], type: 'txt', body: { msg: 'probe' } },
    });
    expect(viaRest).toMatchObject({ status: 503, body: { name: 'UNAVAILABLE' } });
    const login = await n1
      .connection()
      .open({ user: 'probe', pwd: 'pw-probe' })
      .catch((e: unknown) => e);
    expect(login).toMatchObject({ type: 'UNAVAILABLE' });

    await db!.restart();
    ledger.phase = 'after';
    await sending;
    await waitFor(() => ledger.delivered() >= ledger.acked.length, 'the readers to have every acked message', 30_000);

    const tally = await ledger.tally(nodes!.dbUrl);
    ledger.print('postgres killed -9', tally);
    ledger.expectClean(tally);
    for (const c of [...readers, ...writers.map((w) => w.conn)]) expect(c.state).toBe('open');
  });
});
