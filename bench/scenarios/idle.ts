/**
 * Idle signed-in connections with heartbeats: how much server memory one held connection costs.
 * KB/conn = (server RSS with every connection held and settled − RSS before any) / connections.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchClient } from '../lib/client.js';
import { heartbeat } from '../lib/heartbeat.js';
import { closeAll, connectMany } from '../lib/pool.js';
import { cpuBetween, readProc, snapshot } from '../lib/proc-stats.js';
import type { Row, ScenarioReport } from '../lib/report.js';
import { round } from '../lib/samples.js';
import { columnsOf, skippedNotes, withTarget, type Scenario, type ScenarioContext } from '../lib/scenario.js';
import type { LineSeries } from '../lib/svg-chart.js';

interface IdleResult {
  connections: number;
  connected: number;
  failed: number;
  errors: Record<string, number>;
  addresses: number;
  connectSeconds: number;
  rssBeforeMiB: number;
  rssHeldMiB: number;
  kbPerConn: number;
  /** KB per connection over the second half only: (RSS held − RSS at half) / second half. */
  kbPerConnSlope: number;
  heartbeats: number;
  heartbeatFailures: number;
  /** Connections that closed while they should have been held. */
  dropped: number;
  generatorKbPerConn: number;
  serverCpuHoldingPct: number;
}

async function runIdle(ctx: ScenarioContext, index: number) {
  const p = ctx.params;
  const want = p.connections;
  const fdRoom = Math.max(10, Math.floor(ctx.fdLimit - 512));
  const count = Math.min(want, fdRoom);
  const factory = ctx.targets[index];
  return withTarget(ctx, factory, async (target) => {
    const accounts = await target.accounts(count, 'idle');
    await sleep(p.settleMs);
    const before = readProc(target.child.pid);
    const genBefore = readProc(process.pid);
    const beat = heartbeat([], p.heartbeatMs);
    // Two halves with a pause between: the RSS slope over the second half leaves out one-time growth
    // (heap arenas, JIT, caches) that the first connections pay for.
    const half = Math.floor(count / 2);
    const connect = (part: typeof accounts, offset: number) =>
      connectMany(target, part, {
        onConnected: beat.add,
        concurrency: p.concurrency,
        perAddress: p.perAddress,
        offset,
        onProgress: (ok, failed) =>
          ok % 500 === 0 &&
          ctx.reporter.progress(`idle · ${factory.label}: ${offset + ok}/${count} connected, ${failed} failed`),
      });
    const first = await connect(accounts.slice(0, half), 0);
    await sleep(p.settleMs);
    const middle = readProc(target.child.pid);
    const second = await connect(accounts.slice(half), half);
    const pool = {
      ok: first.ok + second.ok,
      failed: first.failed + second.failed,
      errors: { ...first.errors, ...second.errors },
      seconds: first.seconds + second.seconds,
      addresses: Math.max(first.addresses, second.addresses),
    };
    const clients = [...first.clients, ...second.clients].filter((c): c is BenchClient => c !== undefined);
    let dropped = 0;
    for (const c of clients) void c.closed.then(() => dropped++);
    const hb = beat.stats;
    const held = Date.now();
    const holdStart = snapshot(target.child.pid);
    while (Date.now() - held < p.holdSeconds * 1000) {
      await sleep(500);
      const rss = readProc(target.child.pid)?.rssKiB ?? 0;
      ctx.reporter.progress(
        `idle · ${factory.label}: holding ${clients.length - dropped} · server RSS ${(rss / 1024).toFixed(0)} MiB · ${hb.sent} pings · ${Math.round((Date.now() - held) / 1000)}/${p.holdSeconds}s`,
      );
    }
    const after = readProc(target.child.pid);
    const holdCpu = cpuBetween(holdStart, target.child.pid);
    const gen = readProc(process.pid);
    await beat.stop();
    const droppedBeforeClose = dropped;
    await closeAll(clients);
    const rssBefore = (before?.rssKiB ?? 0) / 1024;
    const rssHeld = (after?.rssKiB ?? 0) / 1024;
    const result: IdleResult = {
      connections: count,
      connected: pool.ok,
      failed: pool.failed,
      errors: pool.errors,
      addresses: pool.addresses,
      connectSeconds: round(pool.seconds, 2),
      rssBeforeMiB: round(rssBefore, 1),
      rssHeldMiB: round(rssHeld, 1),
      kbPerConn: pool.ok ? round(((rssHeld - rssBefore) * 1024) / pool.ok, 2) : 0,
      kbPerConnSlope: second.ok && middle && after ? round((after.rssKiB - middle.rssKiB) / second.ok, 2) : 0,
      heartbeats: hb.sent,
      heartbeatFailures: hb.failed,
      dropped: droppedBeforeClose,
      serverCpuHoldingPct: holdCpu.serverCpuPct,
      generatorKbPerConn: pool.ok && gen && genBefore ? round((gen.rssKiB - genBefore.rssKiB) / pool.ok, 2) : 0,
    };
    return result;
  });
}

export const idle: Scenario = {
  name: 'idle',
  title: 'Idle signed-in connections with heartbeats',
  summary: 'holds N signed-in connections pinging every few seconds; server KB per connection',
  params: {
    connections: { default: 10_000, tiny: 20, help: 'connections to hold (capped by the open-file limit)' },
    holdSeconds: { default: 20, tiny: 1, help: 'seconds to hold them' },
    settleMs: { default: 1000, tiny: 100, help: 'pause before reading the server RSS baseline' },
    heartbeatMs: { default: 10_000, tiny: 500, help: 'ping interval per connection' },
    concurrency: { default: 200, tiny: 10, help: 'connects in flight' },
    perAddress: { default: 25_000, tiny: 7, help: 'connections per 127.0.0.x source address' },
  },
  async run(ctx) {
    const runs: Record<string, Awaited<ReturnType<typeof runIdle>>> = {};
    for (let i = 0; i < ctx.targets.length; i++) runs[ctx.targets[i].name] = await runIdle(ctx, i);
    const notes = skippedNotes(ctx);
    const capped = Object.values(runs).find((r) => r.result.connections < ctx.params.connections);
    if (capped)
      notes.push(
        `asked for ${ctx.params.connections} connections; the open-file limit (${ctx.fdLimit}, hard limit, cannot be raised here) allows ${capped.result.connections} per process`,
      );
    const v = (f: (r: (typeof runs)[string]) => number | undefined) =>
      Object.fromEntries(Object.entries(runs).map(([k, r]) => [k, f(r)]));
    const rows: Row[] = [
      {
        metric: 'connections held',
        unit: '',
        goal: '100k',
        better: 'higher',
        values: v((r) => r.result.connected - r.result.dropped),
      },
      {
        metric: 'server memory per connection',
        unit: 'KB',
        goal: '≤ 10',
        better: 'lower',
        values: v((r) => r.result.kbPerConn),
      },
      {
        metric: 'same, second half only (slope)',
        unit: 'KB',
        better: 'lower',
        values: v((r) => r.result.kbPerConnSlope),
      },
      { metric: 'server RSS held', unit: 'MiB', better: 'lower', values: v((r) => r.result.rssHeldMiB) },
      { metric: 'server RSS before', unit: 'MiB', better: 'lower', values: v((r) => r.result.rssBeforeMiB) },
      {
        metric: 'server CPU while holding',
        unit: '% core',
        better: 'lower',
        values: v((r) => r.result.serverCpuHoldingPct),
      },
      { metric: 'generator memory per connection', unit: 'KB', values: v((r) => r.result.generatorKbPerConn) },
      { metric: 'heartbeats answered', unit: '', values: v((r) => r.result.heartbeats - r.result.heartbeatFailures) },
    ];
    const checks = Object.entries(runs).flatMap(([name, r]) => [
      {
        target: name,
        name: 'all connected',
        ok: r.result.failed === 0 && r.result.connected === r.result.connections,
        detail: `${r.result.connected}/${r.result.connections} over ${r.result.addresses} source address(es)${r.result.failed ? `; errors ${JSON.stringify(r.result.errors)}` : ''}`,
      },
      {
        target: name,
        name: 'none dropped while held',
        ok: r.result.dropped === 0,
        detail: `${r.result.dropped} dropped`,
      },
      {
        target: name,
        name: 'every heartbeat answered',
        ok: r.result.heartbeatFailures === 0,
        detail: `${r.result.heartbeats} pings, ${r.result.heartbeatFailures} failed`,
      },
    ]);
    const rssSeries: LineSeries[] = Object.entries(runs).map(([name, r]) => ({
      name: `${name} server RSS`,
      points: r.server.points.map((pt) => [pt.s, pt.rssMiB]),
    }));
    return {
      scenario: 'idle',
      title: this.title,
      columns: columnsOf(ctx),
      rows,
      checks,
      notes,
      figures: runs,
      params: ctx.params,
      chart: {
        title: 'Idle connections: server memory',
        subtitle: `${ctx.params.connections} connections, ping every ${ctx.params.heartbeatMs} ms`,
        panels: [{ kind: 'line', title: 'Server RSS while connecting and holding', yLabel: 'MiB', series: rssSeries }],
      },
    } satisfies ScenarioReport;
  },
};
