/**
 * A group with every member online: a paced stream of messages from a few members, each pushed to
 * all the others. Deliveries per second, latency per delivery and to the last member, and, on Pigeon,
 * that each message is one stored row (read diffusion) however many members.
 */
import { FanOutLedger, paced } from '../lib/fanout.js';
import type { Row, ScenarioReport, Value } from '../lib/report.js';
import { skippedNotes, withTarget, type Scenario, type ScenarioContext } from '../lib/scenario.js';
import { groupOf } from '../lib/social-setup.js';
import type { TargetFactory } from '../lib/targets/target.js';
import { fanOutChecks, fanOutPanels, fanOutTargets, signIn, storedRows } from './fanout-common.js';

async function runGroup(ctx: ScenarioContext, factory: TargetFactory) {
  const p = ctx.params;
  return withTarget(ctx, factory, async (target) => {
    const members = await signIn(ctx, target, p.members, 'g');
    const audience = await groupOf(target, members.accounts, members.clients);
    const ledger = new FanOutLedger(members.clients.length);
    ledger.watch(members.clients);
    const text = 'x'.repeat(p.textBytes);
    const message = (cid: string) => ({ type: 'txt', chat: audience.chat, to: audience.to, cid, body: { text } });
    const senders = Math.min(p.senders, members.clients.length);
    await paced(ledger, members.clients, {
      phase: 'warm-up',
      rate: p.rate,
      seconds: p.warmupSeconds,
      senders,
      message,
      prefix: 'w',
    });
    await ledger.drain(p.drainSeconds * 1000);
    ledger.delivery.clear();
    ledger.lastMember.clear();
    ledger.ack.clear();
    ledger.rows.length = 0;
    const t0 = Date.now();
    await paced(
      ledger,
      members.clients,
      { phase: 'run', rate: p.rate, seconds: p.seconds, senders, message, prefix: 'm' },
      (row) =>
        ctx.reporter.progress(`group · ${factory.label}: ${row.deliveredPerSec}/s delivered · p99 ${row.p99} ms`),
    );
    const drained = await ledger.drain(p.drainSeconds * 1000);
    const seconds = (Date.now() - t0) / 1000;
    const stored = storedRows(target, audience.conv);
    await members.stop();
    return { members, ledger, drained, seconds, stored, totals: ledger.totals(), rows: ledger.rows };
  });
}

export const group: Scenario = {
  name: 'group',
  title: 'group, all members online',
  summary:
    'a paced stream of group messages to every online member; deliveries/s, latency to the last member, stored rows',
  params: {
    members: { default: 1000, tiny: 20, help: 'group members, all online' },
    rate: { default: 100, tiny: 10, help: 'messages/s into the group (deliveries/s = rate × (members − 1))' },
    seconds: { default: 10, tiny: 2, help: 'seconds of the measured run' },
    warmupSeconds: { default: 1, tiny: 0.5, help: 'seconds of unrecorded warm-up' },
    senders: { default: 10, tiny: 2, help: 'members that send (each stays under the 50 sends/s limit)' },
    textBytes: { default: 64, tiny: 16, help: 'message text length' },
    drainSeconds: { default: 15, tiny: 10, help: 'seconds to wait for late deliveries' },
    perAddress: { default: 25_000, tiny: 25_000, help: 'connections per 127.0.0.x source address' },
  },
  async run(ctx) {
    const { targets, notes, columns } = fanOutTargets(ctx);
    const runs: Record<string, Awaited<ReturnType<typeof runGroup>>> = {};
    for (const t of targets) runs[t.name] = await runGroup(ctx, t);
    const v = (f: (r: (typeof runs)[string]) => Value) =>
      Object.fromEntries(Object.entries(runs).map(([k, r]) => [k, f(r)]));
    const p = ctx.params;
    const rows: Row[] = [
      {
        metric: `deliveries/s (${p.rate} msg/s × ${p.members - 1} members)`,
        unit: '/s',
        goal: '≥ 100,000',
        better: 'higher',
        values: v((r) => Math.round(r.result.rows.reduce((a, x) => a + x.deliveredPerSec, 0) / p.seconds)),
      },
      {
        metric: 'latency per delivery p50',
        unit: 'ms',
        better: 'lower',
        values: v((r) => r.result.ledger.delivery.summary().p50),
      },
      {
        metric: 'latency per delivery p99',
        unit: 'ms',
        better: 'lower',
        values: v((r) => r.result.ledger.delivery.summary().p99),
      },
      {
        metric: 'to the last member p99',
        unit: 'ms',
        goal: '≤ 50',
        better: 'lower',
        values: v((r) => r.result.ledger.lastMember.summary().p99),
      },
      {
        metric: 'to the last member max',
        unit: 'ms',
        better: 'lower',
        values: v((r) => r.result.ledger.lastMember.summary().max),
      },
      {
        metric: 'ack p99 (Pigeon: durable)',
        unit: 'ms',
        better: 'lower',
        values: v((r) => r.result.ledger.ack.summary().p99),
      },
      {
        metric: 'stored rows per message',
        unit: '',
        goal: '1',
        values: v(
          (r) => r.result.stored && +(r.result.stored.messages / Math.max(1, r.result.totals.acked)).toFixed(3),
        ),
      },
      { metric: 'server CPU', unit: '% core', values: v((r) => r.server.cpuPct) },
      { metric: 'generator CPU', unit: '% core', values: v((r) => r.generator.cpuPct) },
      { metric: 'server peak RSS', unit: 'MiB', better: 'lower', values: v((r) => r.server.peakRssMiB) },
    ];
    const checks = Object.entries(runs).flatMap(([name, r]) => {
      const c = fanOutChecks(name, r.result.members, r.result.totals, r.result.ledger.errors);
      const s = r.result.stored;
      // The warm-up's messages are stored too: one row per acked message of the whole run.
      if (s)
        c.push({
          target: name,
          name: 'one stored row per message, one conversation row per member',
          ok: s.messages === s.total && s.memberRows === p.members && s.messages >= r.result.totals.acked,
          detail: `${s.messages} message rows for the group (${s.total} in all), ${s.memberRows} member rows`,
        });
      return c;
    });
    return {
      scenario: 'group',
      title: `${p.members}-member group, all online`,
      columns,
      rows,
      checks,
      notes: [
        ...skippedNotes(ctx),
        ...notes,
        `each member is one connection; the generator reads every delivery on one core, so it may be the bound (see generator CPU)`,
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
              ack: r.result.ledger.ack.summary(),
            },
          },
        ]),
      ),
      params: p,
      chart: {
        title: `${p.members}-member group: deliveries and latency`,
        subtitle: `${p.rate} msg/s for ${p.seconds}s from ${p.senders} senders`,
        panels: fanOutPanels(Object.fromEntries(Object.entries(runs).map(([k, r]) => [k, r.result])), 'group'),
      },
    } satisfies ScenarioReport;
  },
};
