/**
 * A chatroom with every member present: single broadcasts one at a time (how long until the last
 * member has it), then a sustained paced stream. Pigeon serializes each broadcast once and writes the
 * same bytes to every member's socket; the bare relay serializes once too but encodes per socket.
 */
import { performance } from 'node:perf_hooks';
import { waitFor } from '../lib/concurrency.js';
import { FanOutLedger, paced } from '../lib/fanout.js';
import type { Row, ScenarioReport, Value } from '../lib/report.js';
import { Samples } from '../lib/samples.js';
import { skippedNotes, withTarget, type Scenario, type ScenarioContext } from '../lib/scenario.js';
import { roomOf } from '../lib/social-setup.js';
import type { TargetFactory } from '../lib/targets/target.js';
import { fanOutChecks, fanOutPanels, fanOutTargets, signIn } from './fanout-common.js';

async function runRoom(ctx: ScenarioContext, factory: TargetFactory) {
  const p = ctx.params;
  return withTarget(ctx, factory, async (target) => {
    const members = await signIn(ctx, target, p.members, 'c');
    const joinStart = performance.now();
    const audience = await roomOf(target, members.accounts, members.clients);
    const joinSeconds = (performance.now() - joinStart) / 1000;
    const ledger = new FanOutLedger(members.clients.length);
    ledger.watch(members.clients);
    const text = 'x'.repeat(p.textBytes);
    const message = (cid: string) => ({ type: 'txt', chat: audience.chat, to: audience.to, cid, body: { text } });
    const single = new Samples();
    for (let i = 0; i < p.broadcasts; i++) {
      const before = ledger.lastMember.count;
      const t0 = performance.now();
      await ledger.send(members.clients, i % members.clients.length, message(`b${i}`));
      await waitFor(() => ledger.lastMember.count > before, p.drainSeconds * 1000, 1);
      single.push(performance.now() - t0);
      ctx.reporter.progress(
        `chatroom · ${factory.label}: broadcast ${i + 1}/${p.broadcasts} reached all in ${single.summary().max.toFixed(1)} ms max`,
      );
    }
    const broadcast = ledger.lastMember.summary();
    ledger.delivery.clear();
    ledger.lastMember.clear();
    await paced(
      ledger,
      members.clients,
      {
        phase: 'sustained',
        rate: p.rate,
        seconds: p.seconds,
        senders: Math.min(p.senders, members.clients.length),
        message,
        prefix: 's',
      },
      (row) =>
        ctx.reporter.progress(`chatroom · ${factory.label}: ${row.deliveredPerSec}/s delivered · p99 ${row.p99} ms`),
    );
    const drained = await ledger.drain(p.drainSeconds * 1000);
    await members.stop();
    return { members, ledger, drained, joinSeconds, broadcast, totals: ledger.totals(), rows: ledger.rows };
  });
}

export const chatroom: Scenario = {
  name: 'chatroom',
  title: 'chatroom, all members present',
  summary: 'single broadcasts to every member, then a paced stream; time to the last member, latency, loss',
  params: {
    members: { default: 10_000, tiny: 30, help: 'members present in the room' },
    broadcasts: { default: 20, tiny: 3, help: 'single broadcasts, one at a time' },
    rate: { default: 10, tiny: 5, help: 'messages/s in the sustained phase' },
    seconds: { default: 10, tiny: 2, help: 'seconds of the sustained phase' },
    senders: { default: 5, tiny: 2, help: 'members that send in the sustained phase' },
    textBytes: { default: 64, tiny: 16, help: 'message text length' },
    drainSeconds: { default: 15, tiny: 10, help: 'seconds to wait for late deliveries' },
    perAddress: { default: 25_000, tiny: 25_000, help: 'connections per 127.0.0.x source address' },
  },
  async run(ctx) {
    const { targets, notes, columns } = fanOutTargets(ctx);
    const runs: Record<string, Awaited<ReturnType<typeof runRoom>>> = {};
    for (const t of targets) runs[t.name] = await runRoom(ctx, t);
    const v = (f: (r: (typeof runs)[string]) => Value) =>
      Object.fromEntries(Object.entries(runs).map(([k, r]) => [k, f(r)]));
    const p = ctx.params;
    const rows: Row[] = [
      {
        metric: `one broadcast: to the last of ${p.members - 1} p50`,
        unit: 'ms',
        better: 'lower',
        values: v((r) => r.result.broadcast.p50),
      },
      {
        metric: 'one broadcast: to the last member max',
        unit: 'ms',
        goal: '≤ 50',
        better: 'lower',
        values: v((r) => r.result.broadcast.max),
      },
      {
        metric: `sustained ${p.rate} msg/s: deliveries/s`,
        unit: '/s',
        better: 'higher',
        values: v(
          (r) =>
            r.result.rows.filter((x) => x.phase === 'sustained').reduce((a, x) => a + x.deliveredPerSec, 0) /
            Math.max(1, p.seconds),
        ),
      },
      {
        metric: 'sustained: latency per delivery p99',
        unit: 'ms',
        goal: '≤ 100',
        better: 'lower',
        values: v((r) => r.result.ledger.delivery.summary().p99),
      },
      {
        metric: 'sustained: to the last member p99',
        unit: 'ms',
        better: 'lower',
        values: v((r) => r.result.ledger.lastMember.summary().p99),
      },
      { metric: 'all members joining', unit: 's', better: 'lower', values: v((r) => +r.result.joinSeconds.toFixed(2)) },
      { metric: 'server CPU', unit: '% core', values: v((r) => r.server.cpuPct) },
      { metric: 'generator CPU', unit: '% core', values: v((r) => r.generator.cpuPct) },
      { metric: 'server peak RSS', unit: 'MiB', better: 'lower', values: v((r) => r.server.peakRssMiB) },
      {
        metric: 'server RSS per member',
        unit: 'KiB',
        better: 'lower',
        values: v((r) => +((r.server.peakRssMiB * 1024) / p.members).toFixed(1)),
      },
    ];
    const checks = Object.entries(runs).flatMap(([name, r]) =>
      fanOutChecks(name, r.result.members, r.result.totals, r.result.ledger.errors),
    );
    return {
      scenario: 'chatroom',
      title: `${p.members}-member chatroom`,
      columns,
      rows,
      checks,
      notes: [
        ...skippedNotes(ctx),
        ...notes,
        'the generator parses every delivery of every member on one core: at 10,000 members it may be the bound (see generator CPU)',
      ],
      figures: Object.fromEntries(
        Object.entries(runs).map(([k, r]) => [
          k,
          {
            ...r,
            result: {
              ...r.result,
              members: undefined,
              ledger: undefined,
              delivery: r.result.ledger.delivery.summary(),
              lastMember: r.result.ledger.lastMember.summary(),
            },
          },
        ]),
      ),
      params: p,
      chart: {
        title: `${p.members}-member chatroom: deliveries and latency`,
        subtitle: `${p.broadcasts} single broadcasts, then ${p.rate} msg/s for ${p.seconds}s`,
        panels: fanOutPanels(Object.fromEntries(Object.entries(runs).map(([k, r]) => [k, r.result])), 'chatroom'),
      },
    } satisfies ScenarioReport;
  },
};
