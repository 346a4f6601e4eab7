/**
 * 1:1 messages stored durably and delivered: P sender→receiver pairs at a paced total rate. A low-rate
 * phase (the 2,000 msg/s latency case) and a high-rate phase (throughput); end-to-end latency from
 * the send to the push arriving at the recipient; every acked message must arrive exactly once.
 */
import { cpuBetween, snapshot, type PhaseCpu } from '../lib/proc-stats.js';
import { openPairs } from '../lib/pairs.js';
import type { Row, ScenarioReport, Value } from '../lib/report.js';
import { columnsOf, skippedNotes, withTarget, type Scenario, type ScenarioContext } from '../lib/scenario.js';
import type { LineSeries, Panel } from '../lib/svg-chart.js';
import type { IntervalRow, Phase, PhaseResult } from '../lib/traffic.js';
import type { LedgerTotals } from '../lib/ledger.js';
import { verifyStored, type StoreVerdict } from '../lib/verify.js';

/** Steps up to the high phase (5%, 25%, 50%, 75% of its rate), so the table can say where p99 breaks. */
const rampRates = (p: Record<string, number>) =>
  p.stepSeconds > 0
    ? [0.05, 0.25, 0.5, 0.75].map((f) => Math.round(f * p.rate)).filter((r) => r !== p.lowRate && r < p.rate)
    : [];

/** The highest recorded phase rate that was delivered in full (95%) with p99 within the goal. */
export function sustained(phases: PhaseResult[], p99Goal: number): number | undefined {
  const held = phases.filter((x) => x.deliveredPerSec >= 0.95 * x.targetRate && x.e2e.p99 <= p99Goal && x.e2e.n > 0);
  return held.length ? Math.max(...held.map((x) => x.targetRate)) : undefined;
}

export interface TrafficRun {
  pairs: number;
  connectFailures: number;
  /** Connections the server closed during the run, by close code. */
  dropped: Record<string, number>;
  phases: (PhaseResult & PhaseCpu)[];
  totals: LedgerTotals;
  errors: Record<string, number>;
  retried: number;
  seqOutOfOrder: number;
  drained: boolean;
  stored: StoreVerdict | undefined;
  rows: IntervalRow[];
}

/** Enough senders that none exceeds its per-connection rate at the highest phase rate. */
export const pairsFor = (p: Record<string, number>, maxRate: number) =>
  Math.max(p.pairs, Math.ceil(maxRate / p.perSenderRate));

async function runMessages(ctx: ScenarioContext, index: number) {
  const p = ctx.params;
  const factory = ctx.targets[index];
  const recorded: Phase[] = [
    { name: 'low', seconds: p.lowSeconds, rate: p.lowRate, record: true },
    ...rampRates(p).map((rate) => ({ name: `ramp ${rate}`, seconds: p.stepSeconds, rate, record: true })),
  ].sort((a, b) => a.rate - b.rate);
  const phases: Phase[] = [
    { name: 'warm-up', seconds: p.warmupSeconds, rate: Math.min(p.lowRate, 1000), record: false },
    ...recorded,
    { name: 'high', seconds: p.seconds, rate: p.rate, record: true },
  ];

  const pairCount = pairsFor(p, Math.max(p.rate, p.lowRate));
  return withTarget(ctx, factory, async (target) => {
    ctx.reporter.progress(`messages · ${factory.label}: signing in ${pairCount * 2} clients`);
    const pairs = await openPairs(
      target,
      pairCount,
      { window: p.window, perSenderRate: p.perSenderRate, textBytes: p.textBytes, checkSeq: target.stores },
      { prefix: 'm', receiversOnline: true, concurrency: 100, perAddress: p.perAddress },
    );
    const { traffic } = pairs;
    const results: (PhaseResult & PhaseCpu)[] = [];
    for (const phase of phases) {
      const before = snapshot(target.child.pid);
      const result = await traffic.run(phase, (row) =>
        ctx.reporter.progress(
          `messages · ${factory.label} · ${phase.name} ${phase.rate}/s: ${row.deliveredPerSec}/s delivered · e2e p50 ${row.e2eP50} p99 ${row.e2eP99} ms · outstanding ${traffic.outstanding}`,
        ),
      );
      results.push({ ...result, ...cpuBetween(before, target.child.pid) });
      await traffic.drain(p.drainSeconds * 1000);
    }
    const drained = await traffic.drain(p.drainSeconds * 1000);
    const stored = target.stores
      ? await verifyStored(
          pairs.senders.map((s, i) => ({ client: pairs.receivers[i] ?? s.client, conv: s.conv, expected: s.acked })),
          p.verifyConversations,
        )
      : undefined;
    await pairs.close();
    const run: TrafficRun = {
      pairs: pairCount,
      connectFailures: pairs.failed,
      dropped: pairs.dropped,
      phases: results.filter((r) => r.name !== 'warm-up'),
      totals: traffic.ledger.totals(),
      errors: Object.fromEntries(traffic.errors),
      retried: traffic.retried,
      seqOutOfOrder: traffic.seqOutOfOrder,
      drained,
      stored,
      rows: traffic.rows,
    };
    return run;
  });
}

/** Loss, duplicate and storage checks for one target's traffic. */
export function trafficChecks(name: string, r: TrafficRun) {
  const t = r.totals;
  const checks = [
    {
      target: name,
      name: 'every client signed in',
      ok: r.connectFailures === 0,
      detail: `${r.connectFailures} failed`,
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
      ok: t.acked === t.sent && t.failed === 0,
      detail: `${t.sent} sent, ${t.acked} acked, ${t.failed} failed ${JSON.stringify(r.errors)}, ${r.retried} rate-limited retries`,
    },
    {
      target: name,
      name: 'zero lost, zero duplicated',
      ok: t.lost === 0 && t.duplicates === 0 && t.unknown === 0,
      detail: `${t.delivered} delivered, ${t.lost} lost, ${t.duplicates} duplicated, ${t.unknown} unknown`,
    },
  ];
  if (r.stored)
    checks.push({ target: name, name: 'stored once, seq without holes', ok: r.stored.ok, detail: r.stored.detail });
  return checks;
}

export function trafficPanels(runs: Record<string, { result: TrafficRun }>): Panel[] {
  const latency: Panel[] = Object.entries(runs).map(([name, r]) => ({
    kind: 'line',
    title: `${name}: end-to-end latency per second (send → push received)`,
    yLabel: 'ms',
    series: (['e2eP50', 'e2eP90', 'e2eP99', 'e2eMax'] as const).map((k) => ({
      name: k.slice(3),
      dashed: k === 'e2eMax',
      // Seconds with no delivery have no latency: leave them out rather than draw a false zero.
      points: r.result.rows
        .filter((x) => x.phase !== 'warm-up' && x.deliveredPerSec > 0)
        .map((x) => [x.s, x[k]] as [number, number]),
    })),
  }));
  const throughput: LineSeries[] = Object.entries(runs).map(([name, r]) => ({
    name: `${name} delivered/s`,
    points: r.result.rows.map((x) => [x.s, x.deliveredPerSec] as [number, number]),
  }));
  return [
    { kind: 'line', title: 'Throughput (messages delivered per second)', yLabel: 'msg/s', series: throughput },
    ...latency,
  ];
}

export const messages: Scenario = {
  name: 'messages',
  title: '1:1 messages, stored durably and delivered',
  summary: 'pairs of clients at a low and a high paced rate; throughput, ack and end-to-end latency, loss',
  params: {
    rate: { default: 20_000, tiny: 200, help: 'messages/s in the high phase (all senders together)' },
    seconds: { default: 20, tiny: 1, help: 'seconds of the high phase' },
    stepSeconds: { default: 5, tiny: 0, help: 'seconds of each ramp step (5, 25, 50, 75% of rate); 0 = no ramp' },
    p99Goal: { default: 25, tiny: 25, help: 'p99 (ms) a step must hold to count as sustained' },
    lowRate: { default: 2_000, tiny: 100, help: 'messages/s in the low-rate latency phase' },
    lowSeconds: { default: 10, tiny: 1, help: 'seconds of the low phase' },
    warmupSeconds: { default: 2, tiny: 0.5, help: 'seconds of unrecorded warm-up' },
    pairs: { default: 100, tiny: 4, help: 'sender/receiver pairs (at least rate / perSenderRate)' },
    perSenderRate: { default: 40, tiny: 40, help: 'sends/s per connection (Pigeon limits 50)' },
    window: { default: 8, tiny: 8, help: 'unacked sends per sender' },
    textBytes: { default: 64, tiny: 16, help: 'message text length' },
    drainSeconds: { default: 10, tiny: 5, help: 'seconds to wait for late deliveries' },
    verifyConversations: { default: 50, tiny: 4, help: 'conversations pulled back to check storage (Pigeon)' },
    perAddress: { default: 25_000, tiny: 5, help: 'connections per 127.0.0.x source address' },
  },
  async run(ctx) {
    const runs: Record<string, Awaited<ReturnType<typeof runMessages>>> = {};
    for (let i = 0; i < ctx.targets.length; i++) runs[ctx.targets[i].name] = await runMessages(ctx, i);
    const v = (f: (r: (typeof runs)[string]) => Value) =>
      Object.fromEntries(Object.entries(runs).map(([k, r]) => [k, f(r)]));
    const phase = (r: (typeof runs)[string], name: string) => r.result.phases.find((x) => x.name === name);
    const p = ctx.params;
    const rows: Row[] = [
      {
        metric: `high: delivered (target ${p.rate}/s)`,
        unit: 'msg/s',
        goal: '≥ 20,000',
        better: 'higher',
        values: v((r) => phase(r, 'high')?.deliveredPerSec),
      },
      { metric: 'high: server CPU', unit: '% core', values: v((r) => phase(r, 'high')?.serverCpuPct) },
      { metric: 'high: generator CPU', unit: '% core', values: v((r) => phase(r, 'high')?.generatorCpuPct) },
      { metric: 'high: e2e p50', unit: 'ms', better: 'lower', values: v((r) => phase(r, 'high')?.e2e.p50) },
      {
        metric: 'high: e2e p99',
        unit: 'ms',
        goal: '≤ 25',
        better: 'lower',
        values: v((r) => phase(r, 'high')?.e2e.p99),
      },
      { metric: 'high: e2e max', unit: 'ms', better: 'lower', values: v((r) => phase(r, 'high')?.e2e.max) },
      { metric: 'high: ack p99 (durable)', unit: 'ms', better: 'lower', values: v((r) => phase(r, 'high')?.ack.p99) },
      { metric: 'high: generator behind', unit: 'msgs', values: v((r) => phase(r, 'high')?.behind) },
      {
        metric: `low: delivered (target ${p.lowRate}/s)`,
        unit: 'msg/s',
        better: 'higher',
        values: v((r) => phase(r, 'low')?.deliveredPerSec),
      },
      { metric: 'low: e2e p50', unit: 'ms', goal: '≤ 1', better: 'lower', values: v((r) => phase(r, 'low')?.e2e.p50) },
      { metric: 'low: e2e p99', unit: 'ms', goal: '≤ 5', better: 'lower', values: v((r) => phase(r, 'low')?.e2e.p99) },
      ...rampRates(p).map((rate): Row => ({
        metric: `ramp ${rate}/s: delivered · e2e p99`,
        unit: 'msg/s · ms',
        values: v((r) => {
          const x = phase(r, `ramp ${rate}`);
          return x && `${x.deliveredPerSec.toLocaleString('en-US')} · ${x.e2e.p99}`;
        }),
      })),
      {
        metric: `sustained: highest step with p99 ≤ ${p.p99Goal} ms`,
        unit: 'msg/s',
        better: 'higher',
        values: v((r) => sustained(r.result.phases, p.p99Goal)),
      },
      { metric: 'server peak RSS', unit: 'MiB', better: 'lower', values: v((r) => r.server.peakRssMiB) },
    ];
    const checks = Object.entries(runs).flatMap(([name, r]) => trafficChecks(name, r.result));
    const notes = skippedNotes(ctx);
    notes.push(
      `${pairsFor(p, Math.max(p.rate, p.lowRate))} pairs, ≤ ${p.perSenderRate} sends/s and ≤ ${p.window} unacked per sender; the generator shares one core, so at high rates it may be the bound (see generator CPU and "behind")`,
    );
    for (const [name, r] of Object.entries(runs))
      if (r.result.seqOutOfOrder)
        notes.push(
          `${name}: ${r.result.seqOutOfOrder} pushes arrived out of seq order (the SDK pulls to fill such gaps)`,
        );
    return {
      scenario: 'messages',
      title: this.title,
      columns: columnsOf(ctx),
      rows,
      checks,
      notes,
      figures: runs,
      params: p,
      chart: {
        title: '1:1 messages: throughput and end-to-end latency',
        subtitle: `warm-up ${p.warmupSeconds}s · low ${p.lowRate}/s for ${p.lowSeconds}s · ramp ${rampRates(p).join(', ') || 'none'} (${p.stepSeconds}s each) · high ${p.rate}/s for ${p.seconds}s`,
        panels: trafficPanels(runs),
      },
    } satisfies ScenarioReport;
  },
};
