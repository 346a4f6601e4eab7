/**
 * Soak: mixed load for a while — 1:1 traffic at a steady rate, a pool of idle connections with
 * heartbeats, and connections coming and going (churn). From outside the server: RSS growth, GC
 * pauses (the server runs with --trace-gc and we read its output), ping round trips as a proxy for
 * event-loop stalls, and zero lost or duplicated messages (acks compared with deliveries).
 */
import { performance } from 'node:perf_hooks';
import { clearInterval, setInterval } from 'node:timers';
import type { BenchClient } from '../lib/client.js';
import { errorName } from '../lib/client.js';
import { connectMany, closeAll } from '../lib/pool.js';
import { openPairs } from '../lib/pairs.js';
import { readProc } from '../lib/proc-stats.js';
import type { Row, ScenarioReport } from '../lib/report.js';
import { Samples, round, summarize, type LatencySummary } from '../lib/samples.js';
import { columnsOf, skippedNotes, withTarget, type Scenario, type ScenarioContext } from '../lib/scenario.js';
import type { Panel } from '../lib/svg-chart.js';
import type { Account, Target } from '../lib/targets/target.js';
import { heartbeat } from '../lib/heartbeat.js';
import { verifyStored, type StoreVerdict } from '../lib/verify.js';
import { trafficChecks, type TrafficRun } from './messages.js';

/** A GC line of `node --trace-gc`: "... ms: Scavenge 4.1 (4.6) -> 3.8 (5.6) MB, 0.62 / 0.00 ms ...". */
const GC_LINE =
  /ms: ([A-Za-z -]+?) [\d.]+ \([\d.]+\) -> [\d.]+ \([\d.]+\) MB, (?:pooled: [\d.]+ MB, )?([\d.]+) \/ ([\d.]+) ms/;

export function gcPauses(lines: string[]): { kinds: Record<string, number>; pauses: number[] } {
  const kinds: Record<string, number> = {};
  const pauses: number[] = [];
  for (const line of lines) {
    const m = GC_LINE.exec(line);
    if (!m) continue;
    kinds[m[1]] = (kinds[m[1]] ?? 0) + 1;
    pauses.push(Number(m[2]));
  }
  return { kinds, pauses };
}

interface Churn {
  connects: number;
  failed: number;
  errors: Record<string, number>;
}

/** Every 1/perSec seconds: connect one account, keep it ~1 s, close it. */
function churn(
  target: Target,
  accounts: Account[],
  perSec: number,
  offset: number,
): { stop: () => Promise<void>; stats: Churn } {
  const stats: Churn = { connects: 0, failed: 0, errors: {} };
  const live = new Set<Promise<void>>();
  let i = 0;
  const timer = setInterval(
    () => {
      const k = i++;
      const account = accounts[k % accounts.length];
      const p = target
        .connect(account, { deviceId: `churn${offset + (k % 64)}` })
        .then(
          async (c) => {
            stats.connects++;
            await new Promise((r) => setTimeout(r, 1000));
            c.close();
          },
          (err: unknown) => {
            stats.failed++;
            const name = errorName(err);
            stats.errors[name] = (stats.errors[name] ?? 0) + 1;
          },
        )
        .finally(() => live.delete(p));
      live.add(p);
    },
    Math.max(1, 1000 / perSec),
  );
  return {
    stats,
    stop: async () => {
      clearInterval(timer);
      await Promise.all(live);
    },
  };
}

/** One client pinging every 100 ms: its round trip shows server stalls (GC, long commits). */
function pinger(client: BenchClient): { stop: () => LatencySummary } {
  const rtt = new Samples();
  const timer = setInterval(() => {
    const t = performance.now();
    client.request('ping').then(
      () => rtt.push(performance.now() - t),
      () => {},
    );
  }, 100);
  return { stop: () => (clearInterval(timer), rtt.summary()) };
}

interface SoakResult {
  traffic: TrafficRun;
  idle: { held: number; failed: number };
  churn: Churn;
  ping: LatencySummary;
  gc: { count: number; kinds: Record<string, number>; pause: LatencySummary };
  rss: { afterWarmupMiB: number; endMiB: number; growthPct: number };
  series: { s: number; rssMiB: number; deliveredPerSec: number; e2eP99: number }[];
}

async function runSoak(ctx: ScenarioContext, index: number) {
  const p = ctx.params;
  const factory = ctx.targets[index];
  return withTarget(
    ctx,
    factory,
    async (target): Promise<SoakResult> => {
      const pairs = await openPairs(
        target,
        p.pairs,
        { window: 8, perSenderRate: 40, textBytes: 64, checkSeq: target.stores },
        { prefix: 'sk', receiversOnline: true, concurrency: 50, perAddress: 25_000 },
      );
      const idleAccounts = await target.accounts(p.idle, 'ski');
      const beat = heartbeat([], p.heartbeatMs);
      const idlePool = await connectMany(target, idleAccounts, {
        concurrency: 100,
        perAddress: 25_000,
        offset: p.pairs * 2,
        onConnected: beat.add,
      });
      const idleClients = idlePool.clients.filter((c): c is BenchClient => c !== undefined);
      const churner = churn(target, await target.accounts(32, 'skc'), p.churnPerSec, p.pairs * 2 + p.idle);
      const ping = pinger(idleClients[0] ?? pairs.receivers[0]);
      const series: SoakResult['series'] = [];
      const t0 = performance.now();
      const phase = await pairs.traffic.run({ name: 'soak', seconds: p.seconds, rate: p.rate, record: true }, (row) => {
        const rss = (readProc(target.child.pid)?.rssKiB ?? 0) / 1024;
        series.push({
          s: round((performance.now() - t0) / 1000, 1),
          rssMiB: round(rss, 1),
          deliveredPerSec: row.deliveredPerSec,
          e2eP99: row.e2eP99,
        });
        ctx.reporter.progress(
          `soak · ${factory.label}: ${Math.round((performance.now() - t0) / 1000)}/${p.seconds}s · ${row.deliveredPerSec}/s · e2e p99 ${row.e2eP99} ms · RSS ${rss.toFixed(0)} MiB · churn ${churner.stats.connects}`,
        );
      });
      await beat.stop();
      const pingSummary = ping.stop();
      await churner.stop();
      await pairs.traffic.drain(10_000);
      const stored: StoreVerdict | undefined = target.stores
        ? await verifyStored(
            pairs.senders.map((s, i) => ({ client: pairs.receivers[i] ?? s.client, conv: s.conv, expected: s.acked })),
            p.pairs,
          )
        : undefined;
      await pairs.close();
      await closeAll(idlePool.clients);
      const gc = gcPauses(target.child.lines);
      const warm = series[Math.min(series.length - 1, Math.floor(series.length / 4))]?.rssMiB ?? 0;
      const end = series[series.length - 1]?.rssMiB ?? 0;
      const t = pairs.traffic;
      return {
        traffic: {
          pairs: p.pairs,
          connectFailures: pairs.failed,
          dropped: pairs.dropped,
          phases: [{ ...phase, serverCpuPct: 0, generatorCpuPct: 0 }],
          totals: t.ledger.totals(),
          errors: Object.fromEntries(t.errors),
          retried: t.retried,
          seqOutOfOrder: t.seqOutOfOrder,
          drained: true,
          stored,
          rows: t.rows,
        },
        idle: { held: idlePool.ok, failed: idlePool.failed },
        churn: churner.stats,
        ping: pingSummary,
        gc: { count: gc.pauses.length, kinds: gc.kinds, pause: summarize(gc.pauses) },
        rss: { afterWarmupMiB: warm, endMiB: end, growthPct: warm ? round((100 * (end - warm)) / warm, 1) : 0 },
        series,
      };
    },
    { nodeFlags: ['--trace-gc'] },
  );
}

export const soak: Scenario = {
  name: 'soak',
  title: 'Soak: mixed load over time',
  summary: 'steady 1:1 traffic + idle heartbeats + connection churn; RSS growth, GC pauses, zero loss',
  params: {
    seconds: { default: 60, tiny: 3, help: 'duration (600 for the 10-minute soak)' },
    rate: { default: 1_000, tiny: 100, help: 'messages/s' },
    pairs: { default: 50, tiny: 3, help: 'sender/receiver pairs (rate / pairs must stay under 50/s)' },
    idle: { default: 1_000, tiny: 10, help: 'idle connections with heartbeats' },
    heartbeatMs: { default: 10_000, tiny: 1000, help: 'ping interval of idle connections' },
    churnPerSec: { default: 20, tiny: 5, help: 'connections opened (and closed ~1 s later) per second' },
  },
  async run(ctx) {
    const runs: Record<string, Awaited<ReturnType<typeof runSoak>>> = {};
    for (let i = 0; i < ctx.targets.length; i++) runs[ctx.targets[i].name] = await runSoak(ctx, i);
    const v = (f: (r: SoakResult) => number | undefined) =>
      Object.fromEntries(Object.entries(runs).map(([k, r]) => [k, f(r.result)]));
    const rows: Row[] = [
      { metric: 'delivered', unit: 'msg/s', better: 'higher', values: v((r) => r.traffic.phases[0]?.deliveredPerSec) },
      { metric: 'e2e p99', unit: 'ms', better: 'lower', values: v((r) => r.traffic.phases[0]?.e2e.p99) },
      {
        metric: 'RSS growth after warm-up',
        unit: '%',
        goal: '≤ 20',
        better: 'lower',
        values: v((r) => r.rss.growthPct),
      },
      { metric: 'RSS at the end', unit: 'MiB', better: 'lower', values: v((r) => r.rss.endMiB) },
      { metric: 'GC pause p99', unit: 'ms', goal: '≤ 10', better: 'lower', values: v((r) => r.gc.pause.p99) },
      { metric: 'GC pause max', unit: 'ms', better: 'lower', values: v((r) => r.gc.pause.max) },
      { metric: 'GC events', unit: '', values: v((r) => r.gc.count) },
      { metric: 'ping round trip p99', unit: 'ms', better: 'lower', values: v((r) => r.ping.p99) },
      { metric: 'churn connects', unit: '', values: v((r) => r.churn.connects) },
      {
        metric: 'lost + duplicated',
        unit: 'msgs',
        goal: '0',
        values: v((r) => r.traffic.totals.lost + r.traffic.totals.duplicates),
      },
    ];
    const checks = Object.entries(runs).flatMap(([name, r]) => [
      ...trafficChecks(name, r.result.traffic),
      {
        target: name,
        name: 'idle pool held',
        ok: r.result.idle.failed === 0,
        detail: `${r.result.idle.held} held, ${r.result.idle.failed} failed`,
      },
      {
        target: name,
        name: 'churn connects succeeded',
        ok: r.result.churn.failed === 0,
        detail: `${r.result.churn.connects} ok, ${r.result.churn.failed} failed${r.result.churn.failed ? ` ${JSON.stringify(r.result.churn.errors)}` : ''}`,
      },
    ]);
    const notes = skippedNotes(ctx);
    notes.push("GC pauses from the server's own --trace-gc output; RSS growth compares the end with the 25% mark");
    const line = (title: string, yLabel: string, pick: (x: SoakResult['series'][number]) => number): Panel => ({
      kind: 'line',
      title,
      yLabel,
      series: Object.entries(runs).map(([name, r]) => ({
        name,
        // A second with no delivery has no latency: leave it out rather than draw a false zero.
        points: r.result.series
          .filter((x) => x.deliveredPerSec > 0 || !title.includes('latency'))
          .map((x) => [x.s, pick(x)] as [number, number]),
      })),
    });
    return {
      scenario: 'soak',
      title: this.title,
      columns: columnsOf(ctx),
      rows,
      checks,
      notes,
      figures: runs,
      params: ctx.params,
      chart: {
        title: 'Soak',
        subtitle: `${ctx.params.seconds}s · ${ctx.params.rate} msg/s · ${ctx.params.idle} idle · ${ctx.params.churnPerSec} connects/s`,
        panels: [
          line('Server RSS', 'MiB', (x) => x.rssMiB),
          line('End-to-end latency p99 per second', 'ms', (x) => x.e2eP99),
          line('Delivered per second', 'msg/s', (x) => x.deliveredPerSec),
        ],
      },
    } satisfies ScenarioReport;
  },
};
