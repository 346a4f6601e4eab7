/**
 * Connect + auth rate: N connections opened with C in flight, each timed from the TCP connect to
 * the auth reply (the SDK's open() resolving). Rate = connections / wall time.
 */
import { clearInterval, setInterval } from 'node:timers';
import { performance } from 'node:perf_hooks';
import { closeAll, connectMany } from '../lib/pool.js';
import { cpuBetween, snapshot, type PhaseCpu } from '../lib/proc-stats.js';
import type { Row, ScenarioReport } from '../lib/report.js';
import { Samples, round, summarize, type LatencySummary } from '../lib/samples.js';
import { columnsOf, skippedNotes, withTarget, type Scenario, type ScenarioContext } from '../lib/scenario.js';

interface ConnectResult extends PhaseCpu {
  connections: number;
  ok: number;
  failed: number;
  errors: Record<string, number>;
  perSecond: number;
  latency: LatencySummary;
  addresses: number;
  /** Per-second completions and latency percentiles, for the chart. */
  series: { s: number; perSec: number; p50: number; p99: number }[];
}

async function runConnect(ctx: ScenarioContext, index: number) {
  const p = ctx.params;
  const count = Math.min(p.connections, Math.max(10, ctx.fdLimit - 512));
  const factory = ctx.targets[index];
  return withTarget(ctx, factory, async (target) => {
    const accounts = await target.accounts(count, 'conn');
    const series: ConnectResult['series'] = [];
    const latency = new Samples();
    const t0 = performance.now();
    let seen = 0;
    let done = 0;
    const tick = () => {
      const window = latency.values().slice(seen);
      seen += window.length;
      const sum = summarize(window);
      series.push({ s: round((performance.now() - t0) / 1000, 2), perSec: window.length, p50: sum.p50, p99: sum.p99 });
      ctx.reporter.progress(`connect · ${factory.label}: ${done}/${count} · ${window.length}/s · p99 ${sum.p99} ms`);
    };
    const timer = setInterval(tick, 1000);
    const before = snapshot(target.child.pid);
    const pool = await connectMany(target, accounts, {
      concurrency: p.concurrency,
      perAddress: p.perAddress,
      latency,
      onProgress: (ok, failed) => (done = ok + failed),
    });
    const cpu = cpuBetween(before, target.child.pid);
    clearInterval(timer);
    tick();
    await closeAll(pool.clients);
    const result: ConnectResult = {
      connections: count,
      ok: pool.ok,
      failed: pool.failed,
      errors: pool.errors,
      perSecond: Math.round(pool.ok / pool.seconds),
      latency: pool.latency.summary(),
      addresses: pool.addresses,
      series,
      ...cpu,
    };
    return result;
  });
}

const perConnect = (cpuMs: number | undefined, n: number) => (n && cpuMs !== undefined ? round(cpuMs / n, 3) : 0);

export const connect: Scenario = {
  name: 'connect',
  title: 'Connect + auth rate',
  summary: 'opens N connections, C in flight, each signing in; connects/s and latency to the auth reply',
  params: {
    connections: { default: 5_000, tiny: 30, help: 'connections to open (capped by the open-file limit)' },
    concurrency: { default: 64, tiny: 8, help: 'connects in flight' },
    perAddress: { default: 25_000, tiny: 10, help: 'connections per 127.0.0.x source address' },
  },
  async run(ctx) {
    const runs: Record<string, Awaited<ReturnType<typeof runConnect>>> = {};
    for (let i = 0; i < ctx.targets.length; i++) runs[ctx.targets[i].name] = await runConnect(ctx, i);
    const v = (f: (r: (typeof runs)[string]) => number) =>
      Object.fromEntries(Object.entries(runs).map(([k, r]) => [k, f(r)]));
    const rows: Row[] = [
      {
        metric: 'connect + auth rate',
        unit: '/s',
        goal: '≥ 3,000',
        better: 'higher',
        values: v((r) => r.result.perSecond),
      },
      { metric: 'latency p50', unit: 'ms', better: 'lower', values: v((r) => r.result.latency.p50) },
      { metric: 'latency p99', unit: 'ms', goal: '≤ 50', better: 'lower', values: v((r) => r.result.latency.p99) },
      { metric: 'latency max', unit: 'ms', better: 'lower', values: v((r) => r.result.latency.max) },
      { metric: 'server CPU while connecting', unit: '% core', values: v((r) => r.result.serverCpuPct) },
      {
        metric: 'server CPU per connect',
        unit: 'ms',
        better: 'lower',
        values: v((r) => perConnect(r.result.serverCpuMs, r.result.ok)),
      },
      {
        metric: 'generator CPU per connect',
        unit: 'ms',
        better: 'lower',
        values: v((r) => perConnect(r.result.generatorCpuMs, r.result.ok)),
      },
      { metric: 'generator CPU while connecting', unit: '% core', values: v((r) => r.result.generatorCpuPct) },
    ];
    const checks = Object.entries(runs).map(([name, r]) => ({
      target: name,
      name: 'every connection signed in',
      ok: r.result.failed === 0 && r.result.ok === r.result.connections,
      detail: `${r.result.ok}/${r.result.connections} over ${r.result.addresses} source address(es)${r.result.failed ? `; errors ${JSON.stringify(r.result.errors)}` : ''}`,
    }));
    const notes = skippedNotes(ctx);
    notes.push(`${ctx.params.concurrency} connects in flight; latency is from TCP connect to the auth reply`);
    const series = (pick: (x: ConnectResult['series'][number]) => number) =>
      Object.entries(runs).map(([name, r]) => ({
        name,
        points: r.result.series.map((x) => [x.s, pick(x)] as [number, number]),
      }));
    return {
      scenario: 'connect',
      title: this.title,
      columns: columnsOf(ctx),
      rows,
      checks,
      notes,
      figures: runs,
      params: ctx.params,
      chart: {
        title: 'Connect + auth',
        subtitle: `${ctx.params.connections} connections, ${ctx.params.concurrency} in flight`,
        panels: [
          {
            kind: 'line',
            title: 'Connections signed in per second',
            yLabel: 'conn/s',
            series: series((x) => x.perSec),
          },
          {
            kind: 'line',
            title: 'Latency p99 per second (TCP connect → auth reply)',
            yLabel: 'ms',
            series: series((x) => x.p99),
          },
        ],
      },
    } satisfies ScenarioReport;
  },
};
