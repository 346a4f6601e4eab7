/** What the group and chatroom scenarios share: signing in the members, checks, the chart panels. */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { BenchClient } from '../lib/client.js';
import type { FanOutTotals, SecondRow } from '../lib/fanout.js';
import { heartbeat } from '../lib/heartbeat.js';
import { closeAll, connectMany } from '../lib/pool.js';
import type { Check } from '../lib/report.js';
import type { ScenarioContext } from '../lib/scenario.js';
import type { Panel } from '../lib/svg-chart.js';
import type { Account, Target } from '../lib/targets/target.js';

export interface Members {
  accounts: Account[];
  clients: BenchClient[];
  failed: number;
  /** Connections the server closed during the run, by close code. */
  dropped: Record<string, number>;
  /** Seconds signing in took. */
  seconds: number;
  /** Stops the heartbeats and closes every member. */
  stop(): Promise<void>;
}

/** Signs in `count` members, pinging like the SDK so none goes silent; counts server-side closes. */
export async function signIn(ctx: ScenarioContext, target: Target, count: number, prefix: string): Promise<Members> {
  const accounts = await target.accounts(count, prefix);
  const beat = heartbeat([], 30_000);
  const dropped: Record<string, number> = {};
  let open = true;
  const r = await connectMany(target, accounts, {
    concurrency: 100,
    perAddress: ctx.params.perAddress ?? 25_000,
    onConnected: (c) => {
      beat.add(c);
      void c.closed.then((code) => open && void (dropped[code] = (dropped[code] ?? 0) + 1));
    },
    onProgress: (done, failed) =>
      ctx.reporter.progress(`${target.label}: ${done}/${count} members signed in (${failed} failed)`),
  });
  const clients = r.clients.filter((c): c is BenchClient => c !== undefined);
  const stop = async () => {
    open = false;
    await beat.stop();
    await closeAll(clients);
  };
  return { accounts, clients, failed: r.failed, dropped, seconds: r.seconds, stop };
}

/** Rows in Pigeon's database for one conversation: read diffusion means one per message, one per member. */
export function storedRows(
  target: Target,
  conv: string,
): { messages: number; total: number; memberRows: number } | undefined {
  if (!target.stores || !target.dataDir) return undefined;
  const db = new Database(join(target.dataDir, 'pigeon.db'), { readonly: true, fileMustExist: true });
  try {
    const one = (sql: string, ...a: unknown[]) => (db.prepare(sql).get(...a) as { n: number }).n;
    return {
      messages: one('select count(*) n from messages where conv = ?', conv),
      total: one('select count(*) n from messages'),
      memberRows: one('select count(*) n from user_conversations where conv = ?', conv),
    };
  } finally {
    db.close();
  }
}

export function fanOutChecks(name: string, m: Members, t: FanOutTotals, errors: Map<string, number>): Check[] {
  return [
    {
      target: name,
      name: 'every member signed in',
      ok: m.failed === 0,
      detail: `${m.clients.length} in, ${m.failed} failed`,
    },
    {
      target: name,
      name: 'no connection dropped by the server',
      ok: Object.keys(m.dropped).length === 0,
      detail: Object.keys(m.dropped).length ? `closed, by code: ${JSON.stringify(m.dropped)}` : 'none',
    },
    {
      target: name,
      name: 'every send acked',
      ok: t.failed === 0 && t.acked === t.sent,
      detail: `${t.sent} sent, ${t.acked} acked, ${t.failed} failed ${JSON.stringify(Object.fromEntries(errors))}`,
    },
    {
      target: name,
      name: 'every member got every message once',
      ok: t.lost === 0 && t.duplicates === 0 && t.unknown === 0,
      detail: `${t.delivered} of ${t.expected} delivered, ${t.lost} lost, ${t.duplicates} duplicated, ${t.unknown} unknown`,
    },
  ];
}

export function fanOutPanels(runs: Record<string, { rows: SecondRow[] }>, what: string): Panel[] {
  return [
    {
      kind: 'line',
      title: `${what}: deliveries per second`,
      yLabel: 'deliveries/s',
      series: Object.entries(runs).map(([name, r]) => ({
        name,
        points: r.rows.map((x) => [x.s, x.deliveredPerSec] as [number, number]),
      })),
    },
    ...Object.entries(runs).map(([name, r]): Panel => ({
      kind: 'line',
      title: `${name}: latency per delivery, per second (send → push read)`,
      yLabel: 'ms',
      series: (['p50', 'p99'] as const).map((k) => ({
        name: k,
        points: r.rows.filter((x) => x.deliveredPerSec > 0).map((x) => [x.s, x[k]] as [number, number]),
      })),
    })),
  ];
}

/** The targets a fan-out scenario can drive (the Socket.IO relay has no topics), and a note for the rest. */
export function fanOutTargets(ctx: ScenarioContext) {
  const targets = ctx.targets.filter((t) => t.name !== 'sio');
  const notes = ctx.targets.length > targets.length ? ['Socket.IO relay not measured: it has no groups or rooms'] : [];
  return { targets, notes, columns: targets.map((t) => ({ key: t.name, label: t.label })) };
}
