/**
 * Redis killed (-9) under sustained traffic on two nodes, then started again on the same port
 * (empty: no persistence). While it is down the nodes keep their connections and refuse sends with
 * UNAVAILABLE (nothing stored, never an ack without a commit); the SDK sends them again; the nodes
 * reconnect by themselves. Afterwards every acked message is stored once and reached its reader once,
 * in seq order. Prints sent / acked / stored / delivered / duplicated / lost. Skipped, loudly,
 * without the postgres/redis binaries.
 */
import { describe, expect, it } from 'vitest';
import SDK from '@pigeon/sdk';
import { crossNodeTraffic, Ledger } from '../helpers/ledger.js';
import { hasPostgres, warnSkipped } from '../helpers/pg.js';
import { hasRedis } from '../helpers/redis.js';
import { adminToken, rest } from '../helpers/rest.js';
import { twoNodesPerSuite } from '../helpers/two-nodes.js';
import { waitFor } from '../helpers/wait.js';

const enabled = hasPostgres && hasRedis;
if (!enabled) warnSkipped('Redis killed under traffic');

const AFTER = 20; // acks each writer must get after Redis is back before it stops

describe.skipIf(!enabled)('Redis killed -9 under sustained traffic on two nodes', () => {
  const cluster = twoNodesPerSuite('ra', 'rb', 'a1', 'a2', 'a3', 'b1', 'b2', 'b3', 'probe');

  it('sends are refused as UNAVAILABLE and retried; nodes recover; every ack stored and delivered once, in order', async () => {
    const { n1, n2 } = cluster();
    const { redis, dbUrl } = cluster();
    const ledger = new Ledger();
    // Readers and writers on both nodes; each writer's reader is on the other node.
    const { readers, writers } = await crossNodeTraffic(ledger, n1, n2, ['ra', 'rb']);
    const probe = await n1.login('probe', { outboxTimeout: 1_500 });
    const sending = Promise.all(writers.map((w) => ledger.sendUntil(w, () => ledger.acksOf(w.name, 'after') >= AFTER)));
    await waitFor(() => ledger.acked.length >= 60, '60 acks before the kill', 30_000);

    await redis.down(true);
    ledger.phase = 'killed'; // until both nodes notice: sends in flight may still commit and be acked
    await waitFor(() => !n1.srv.core.hub.available && !n2.srv.core.hub.available, 'both nodes to see Redis gone');
    ledger.phase = 'outage';
    // The typed refusal: on a socket (the SDK retries until its outbox timeout), over REST, and for
    // a password login (its brute-force counters are in Redis; none is skipped).
    const refused = await probe.conn
      .send(SDK.message.create({ type: 'txt', chatType: 'singleChat', to: 'ra', msg: 'probe' }))
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ type: 'OUTBOX_TIMEOUT', cause: { type: 'UNAVAILABLE' } });
    const path = `/${n2.srv.defaultApp!.appKey.replace('#', '/')}/messages/users`;
    const viaRest = await rest(n2.srv, 'POST', path, {
      token: await adminToken(n2.srv),
      body: { from: 'probe', to: ['rb'], type: 'txt', body: { msg: 'probe' } },
    });
    expect(viaRest).toMatchObject({ status: 503, body: { name: 'UNAVAILABLE' } });
    const login = await n1
      .connection()
      .open({ user: 'probe', pwd: 'pw-probe' })
      .catch((e: unknown) => e);
    expect(login).toMatchObject({ type: 'UNAVAILABLE' });

    await redis.up();
    ledger.phase = 'after';
    await waitFor(() => n1.srv.core.hub.available && n2.srv.core.hub.available, 'both nodes back on Redis', 30_000);
    await sending;
    await waitFor(() => ledger.delivered() >= ledger.acked.length, 'the readers to have every acked message', 30_000);

    const tally = await ledger.tally(dbUrl);
    ledger.print('redis killed -9', tally);
    ledger.expectClean(tally);
    for (const c of [...readers, ...writers.map((w) => w.conn)]) expect(c.state).toBe('open');
  });
});
