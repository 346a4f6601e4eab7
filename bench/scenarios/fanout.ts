/**
 * Fan-out: one group (stored once per message, pushed to every member) or one chatroom (broadcast to
 * present members, not stored), every member online. A few members send at a paced rate; we measure
 * deliveries per second and the time for each message to reach its last member, and check that every
 * member got every message exactly once (and, for a Pigeon group, that it was stored once with seq 1…n).
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchClient, PushedMessage } from '../lib/client.js';
import { ReplyError, errorName } from '../lib/client.js';
import { mapLimit, waitFor } from '../lib/concurrency.js';
import { FanLedger } from '../lib/fan-ledger.js';
import { heartbeat } from '../lib/heartbeat.js';
import { closeAll, connectMany } from '../lib/pool.js';
import { cpuBetween, snapshot } from '../lib/proc-stats.js';
import type { Row, ScenarioReport } from '../lib/report.js';
import { round, type LatencySummary } from '../lib/samples.js';
import { columnsOf, skippedNotes, withTarget, type Scenario, type ScenarioContext } from '../lib/scenario.js';
import type { Target } from '../lib/targets/target.js';
import { verifyStored, type StoreVerdict } from '../lib/verify.js';

type Kind = 'group' | 'room';

interface FanResult {
  members: number;
  connectFailures: number;
  /** Connections the server closed during the run, by close code. */
  dropped: Record<string, number>;
  sent: number;
  acked: number;
  sendErrors: Record<string, number>;
  deliveriesPerSec: number;
  /** Deliveries expected but missing after the drain. */
  missing: number;
  duplicates: number;
  toLast: LatencySummary;
  /** A single message sent alone before the paced run: time to reach every member. */
  singleToLastMs: number | undefined;
  serverCpuPct: number;
  generatorCpuPct: number;
  /** Server CPU time per delivery while sending (µs). */
  serverCpuPerDeliveryUs: number;
  /** The generator's CPU per delivery (µs): reading pushes is its main work, and it has one core. */
  generatorCpuPerDeliveryUs: number;
  stored: StoreVerdict | undefined;
}

/** Creates the group (owner = member 0) or room, and brings every member in. */
async function setUp(kind: Kind, target: Target, users: string[], clients: BenchClient[]): Promise<string> {
  if (kind === 'group') {
    const others = users.slice(1);
    const first = others.slice(0, 999);
    const { groupId } = await clients[0].request<{ groupId: string }>('group.create', {
      name: 'bench group',
      members: first,
      maxUsers: users.length,
      inviteNeedConfirm: false, // the owner's invitations beyond the first 999 add members at once
    });
    for (let i = 999; i < others.length; i += 500)
      await clients[0].request('group.invite', { groupId, users: others.slice(i, i + 500) });
    return groupId;
  }
  const roomId = await target.createRoom(users[0], users.length);
  const joined = await mapLimit(clients, 50, (c) =>
    c.request('room.join', { roomId }).then(
      () => true,
      () => false,
    ),
  );
  const failed = joined.filter((ok) => !ok).length;
  if (failed) throw new Error(`${failed} of ${clients.length} members could not join the room`);
  return roomId;
}

async function runFan(kind: Kind, ctx: ScenarioContext, index: number) {
  const p = ctx.params;
  const factory = ctx.targets[index];
  return withTarget(ctx, factory, async (target): Promise<FanResult> => {
    const accounts = await target.accounts(p.members, kind === 'group' ? 'gm' : 'rm');
    const beat = heartbeat([], 30_000);
    const pool = await connectMany(target, accounts, {
      concurrency: 100,
      perAddress: p.perAddress,
      onConnected: beat.add,
      onProgress: (ok) =>
        ok % 500 === 0 && ctx.reporter.progress(`${kind} · ${factory.label}: ${ok}/${p.members} online`),
    });
    const clients = pool.clients.filter((c): c is BenchClient => c !== undefined);
    const dropped: Record<string, number> = {};
    let closing = false;
    for (const c of clients) void c.closed.then((code) => void (closing || (dropped[code] = (dropped[code] ?? 0) + 1)));
    const users = accounts.map((a) => a.user);
    const to = await setUp(kind, target, users, clients).catch((err: unknown) => {
      const why = err instanceof Error ? err.message : String(err);
      throw new Error(`${kind} set-up failed: ${why}; connections closed by the server: ${JSON.stringify(dropped)}`);
    });
    const maxMessages = Math.ceil(p.rate * p.seconds * 1.2) + 10;
    const ledger = new FanLedger(clients.length, maxMessages);
    clients.forEach((c, member) => {
      c.onEvent = (ev, d, at) => ev === 'msg' && ledger.deliver((d as PushedMessage).cid, member, at);
      c.onMsgCid = (cid, at) => ledger.deliver(cid, member, at);
    });
    const expected = clients.length - 1;
    const sendErrors: Record<string, number> = {};
    const send = (c: BenchClient, cid = ledger.issue(performance.now()), attempt = 0): Promise<void> => {
      const msg = { cid, chat: kind, to, type: 'txt', body: { text: 'x'.repeat(64) } };
      return c.request('msg.send', { msg }).then(
        () => ledger.ack(cid),
        async (err: unknown) => {
          // A late timer can bunch sends past the per-connection limit: retry with the same cid.
          if (err instanceof ReplyError && err.wire.name === 'RATE_LIMITED' && attempt < 5) {
            await sleep(err.wire.retryAfterMs ?? 100);
            return send(c, cid, attempt + 1);
          }
          sendErrors[errorName(err)] = (sendErrors[errorName(err)] ?? 0) + 1;
        },
      );
    };
    // One message alone first: how long a single broadcast takes to reach everyone.
    await send(clients[0]);
    await waitFor(() => ledger.missing(expected) === 0, 10_000);
    const single = ledger.toLast(expected).summary();
    const senders = clients.slice(0, sendersFor(p.rate));
    const before = snapshot(target.child.pid);
    const deliveredBefore = ledger.delivered;
    const t0 = performance.now();
    for (let k = 1; performance.now() - t0 < p.seconds * 1000 && !ledger.full; k++) {
      void send(senders[k % senders.length]);
      const next = t0 + (k * 1000) / p.rate;
      const wait = next - performance.now();
      if (wait > 0) await sleep(wait);
      if (k % Math.max(1, Math.round(p.rate)) === 0)
        ctx.reporter.progress(`${kind} · ${factory.label}: ${ledger.issued} sent · ${ledger.delivered} deliveries`);
    }
    const elapsed = (performance.now() - t0) / 1000;
    const cpu = cpuBetween(before, target.child.pid);
    const deliveredDuring = ledger.delivered - deliveredBefore;
    await waitFor(
      () => ledger.missing(expected) === 0 && ledger.acked() + sumOf(sendErrors) >= ledger.issued,
      p.drainSeconds * 1000,
    );
    const stored =
      kind === 'group' && target.stores
        ? await verifyStored([{ client: clients[1] ?? clients[0], conv: `g:${to}`, expected: ledger.acked() }], 1)
        : undefined;
    await beat.stop();
    closing = true;
    await closeAll(pool.clients);
    return {
      members: clients.length,
      connectFailures: pool.failed,
      dropped,
      sent: ledger.issued,
      acked: ledger.acked(),
      sendErrors,
      deliveriesPerSec: Math.round((ledger.delivered - deliveredBefore) / elapsed),
      serverCpuPerDeliveryUs: round((1000 * (cpu.serverCpuMs ?? 0)) / Math.max(1, deliveredDuring), 2),
      generatorCpuPerDeliveryUs: round((1000 * (cpu.generatorCpuMs ?? 0)) / Math.max(1, deliveredDuring), 2),
      missing: ledger.missing(expected),
      duplicates: ledger.duplicates + ledger.unknown,
      toLast: ledger.toLast(expected).summary(),
      singleToLastMs: single.n ? round(single.max, 2) : undefined,
      ...cpu,
      stored,
    };
  });
}

/** Senders kept well under Pigeon's 50 sends/s per connection. */
const sendersFor = (rate: number) => Math.max(1, Math.ceil(rate / 10));

const sumOf = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);

function fanScenario(
  kind: Kind,
  spec: { name: string; title: string; summary: string; members: number; rate: number },
): Scenario {
  return {
    name: spec.name,
    title: spec.title,
    summary: spec.summary,
    params: {
      members: { default: spec.members, tiny: 6, help: 'members, all online' },
      rate: { default: spec.rate, tiny: 5, help: 'messages/s sent to the group or room (by a few members)' },
      seconds: { default: 10, tiny: 1, help: 'seconds of paced sending' },
      drainSeconds: { default: 15, tiny: 5, help: 'seconds to wait for the last deliveries' },
      perAddress: { default: 25_000, tiny: 4, help: 'connections per 127.0.0.x source address' },
    },
    async run(ctx) {
      const runs: Record<string, Awaited<ReturnType<typeof runFan>>> = {};
      for (let i = 0; i < ctx.targets.length; i++) runs[ctx.targets[i].name] = await runFan(kind, ctx, i);
      const v = (f: (r: FanResult) => number | undefined) =>
        Object.fromEntries(Object.entries(runs).map(([k, r]) => [k, f(r.result)]));
      const goals = kind === 'group' ? ['≥ 100,000', '≤ 50', ''] : ['', '≤ 100 at 10/s', '≤ 50'];
      const rows: Row[] = [
        { metric: 'deliveries', unit: '/s', goal: goals[0], better: 'higher', values: v((r) => r.deliveriesPerSec) },
        { metric: 'send → last member p50', unit: 'ms', better: 'lower', values: v((r) => r.toLast.p50) },
        {
          metric: 'send → last member p99',
          unit: 'ms',
          goal: goals[1],
          better: 'lower',
          values: v((r) => r.toLast.p99),
        },
        {
          metric: 'one message alone → last member',
          unit: 'ms',
          goal: goals[2],
          better: 'lower',
          values: v((r) => r.singleToLastMs),
        },
        { metric: 'server CPU while sending', unit: '% core', values: v((r) => r.serverCpuPct) },
        {
          metric: 'server CPU per delivery',
          unit: 'µs',
          better: 'lower',
          values: v((r) => r.serverCpuPerDeliveryUs),
        },
        { metric: 'generator CPU while sending', unit: '% core', values: v((r) => r.generatorCpuPct) },
        {
          metric: 'generator CPU per delivery',
          unit: 'µs',
          better: 'lower',
          values: v((r) => r.generatorCpuPerDeliveryUs),
        },
      ];
      const checks = Object.entries(runs).flatMap(([name, { result: r }]) => [
        {
          target: name,
          name: 'every member online',
          ok: r.connectFailures === 0,
          detail: `${r.members} online, ${r.connectFailures} failed`,
        },
        {
          target: name,
          name: 'no connection dropped by the server',
          ok: Object.keys(r.dropped).length === 0,
          detail: Object.keys(r.dropped).length ? `closed, by code: ${JSON.stringify(r.dropped)}` : 'none',
        },
        {
          target: name,
          name: 'every send acked',
          ok: r.acked === r.sent,
          detail: `${r.sent} sent, ${r.acked} acked ${JSON.stringify(r.sendErrors)}`,
        },
        {
          target: name,
          name: 'every member got every message once',
          ok: r.missing === 0 && r.duplicates === 0,
          detail: `${r.missing} deliveries missing, ${r.duplicates} duplicated or unknown`,
        },
        ...(r.stored
          ? [{ target: name, name: 'stored once, seq without holes', ok: r.stored.ok, detail: r.stored.detail }]
          : []),
      ]);
      const notes = skippedNotes(ctx);
      notes.push(
        `${ctx.params.members} members, ${ctx.params.rate} msg/s for ${ctx.params.seconds}s, from ${sendersFor(ctx.params.rate)} sender(s)`,
      );
      return {
        scenario: spec.name,
        title: spec.title,
        columns: columnsOf(ctx),
        rows,
        checks,
        notes,
        figures: runs,
        params: ctx.params,
        chart: {
          title: spec.title,
          subtitle: notes[notes.length - 1],
          panels: [
            {
              kind: 'bar',
              title: 'Deliveries per second',
              yLabel: '/s',
              bars: Object.entries(runs).map(([k, r]) => ({ label: k, value: r.result.deliveriesPerSec })),
            },
            {
              kind: 'bar',
              title: 'Send → last member, p99 (ms)',
              yLabel: 'ms',
              bars: Object.entries(runs).map(([k, r]) => ({ label: k, value: r.result.toLast.p99 })),
            },
          ],
        },
      } satisfies ScenarioReport;
    },
  };
}

export const group = fanScenario('group', {
  name: 'group',
  title: 'Group, every member online',
  summary: 'one group, all members online, a few members sending; deliveries/s and time to the last member',
  members: 1000,
  rate: 50,
});

export const chatroom = fanScenario('room', {
  name: 'chatroom',
  title: 'Chatroom, every member present',
  summary: 'one chatroom, all members joined, paced broadcast; one message alone and 10 msg/s to everyone',
  members: 1000,
  rate: 10,
});
