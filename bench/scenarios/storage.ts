/**
 * Storage alone, on SQLite (default) or PostgreSQL (`--driver postgres`). Side by side: Pigeon's
 * store + batcher called directly, Pigeon over WebSocket with offline recipients, and the raw
 * driver inserting the same rows in batches (storage-measure.ts). SQLite: both durabilities
 * (`full`: fsync per commit; `normal`: Pigeon's default, survives a killed process) and raw SQLite
 * on the messages schema before and after migration 0011. PostgreSQL: a server of its own with its
 * durable defaults (synchronous_commit on), started for the run unless PIGEON_BENCH_PG_URL is set.
 */
import { existsSync } from 'node:fs';
import { benchPostgres } from '../lib/bench-postgres.js';
import type { Check, Row, ScenarioReport, Value } from '../lib/report.js';
import { skippedNotes, type Scenario, type ScenarioContext } from '../lib/scenario.js';
import type { BarPanel } from '../lib/svg-chart.js';
import {
  overServer,
  pgRaw,
  SERVER_DIST,
  SERVER_SRC,
  sqliteRaw,
  storeDirect,
  type Driver,
  type Durability,
  type RawRun,
} from './storage-measure.js';

type Of<F extends (...a: never[]) => unknown> = Awaited<ReturnType<F>>;

interface Measured {
  store?: Of<typeof storeDirect>;
  server?: Of<typeof overServer>;
  raw?: { runs: RawRun[]; cpuPct: number; storedRows?: number; totalRows?: number };
  rawOld?: { runs: RawRun[]; cpuPct: number };
  /** PostgreSQL's own CPU (% of one core) while Pigeon's store ran. */
  dbCpuPct?: number;
}

const available = () => existsSync(SERVER_DIST) || existsSync(SERVER_SRC);

async function onSqlite(ctx: ScenarioContext): Promise<Map<Durability, Measured>> {
  const out = new Map<Durability, Measured>();
  const durabilities: Durability[] = ctx.params.normalToo ? ['full', 'normal'] : ['full'];
  for (const d of durabilities) {
    const m: Measured = {};
    if (available()) m.store = await storeDirect(ctx, d, 'sqlite');
    const raw = await sqliteRaw(ctx, d, 'new');
    m.raw = { runs: raw.result.runs, cpuPct: raw.cpuPct };
    const old = await sqliteRaw(ctx, d, 'old');
    m.rawOld = { runs: old.result.runs, cpuPct: old.cpuPct };
    m.server = await overServer(ctx, d, []);
    out.set(d, m);
  }
  return out;
}

async function onPostgres(ctx: ScenarioContext, notes: string[]): Promise<Map<Durability, Measured>> {
  const server = await benchPostgres();
  notes.push(server.note);
  try {
    const m: Measured = {};
    if (available()) {
      const before = server.cpuSeconds();
      const t0 = performance.now();
      m.store = await storeDirect(ctx, 'full', 'postgres', await server.database('bench_store'));
      const after = server.cpuSeconds();
      if (before !== undefined && after !== undefined)
        m.dbCpuPct = Math.round((1000 * (after - before)) / ((performance.now() - t0) / 1000)) / 10;
    }
    const raw = await pgRaw(ctx, await server.database('bench_raw'));
    m.raw = { ...raw.result, cpuPct: raw.cpuPct };
    m.server = await overServer(ctx, 'full', ['--db', await server.database('bench_ws')]);
    return new Map([['full', m]]);
  } finally {
    await server.stop();
  }
}

function rowsOf(ctx: ScenarioContext, driver: Driver, measured: Map<Durability, Measured>): Row[] {
  const batch = ctx.params.batchMax;
  const at = (runs: RawRun[] | undefined, n: number) => runs?.find((r) => r.batch === n);
  const row = (metric: string, unit: string, values: Record<string, Value>, goal?: string, better?: Row['better']) =>
    ({ metric, unit, goal, better, values }) satisfies Row;
  return [...measured].flatMap(([d, m]) => {
    const label = driver === 'postgres' ? 'durable' : d;
    const goal = (g: string) => (d === 'full' ? g : undefined);
    return [
      row(
        `${label}: messages stored`,
        'msg/s',
        {
          store: m.store?.result.msgPerSec,
          server: m.server?.result.ackedPerSec,
          raw: at(m.raw?.runs, batch)?.msgPerSec,
          rawOld: at(m.rawOld?.runs, batch)?.msgPerSec,
        },
        goal(driver === 'postgres' ? '≥ 20,000' : '≥ 50,000'),
        'higher',
      ),
      row(
        `${label}: commit/ack p99`,
        'ms',
        {
          store: m.store?.result.commitMs.p99,
          server: m.server?.result.ackP99,
          raw: at(m.raw?.runs, batch)?.commitMs.p99,
          rawOld: at(m.rawOld?.runs, batch)?.commitMs.p99,
        },
        goal('≤ 5 window'),
        'lower',
      ),
      row(`${label}: mean messages per commit`, '', { store: m.store?.result.meanBatch, raw: batch }),
      ...(driver === 'sqlite'
        ? [
            row(
              `${label}: KiB written per message`,
              'KiB',
              {
                store: m.store?.result.kibWrittenPerMsg,
                raw: at(m.raw?.runs, batch)?.kibWrittenPerRow,
                rawOld: at(m.rawOld?.runs, batch)?.kibWrittenPerRow,
              },
              undefined,
              'lower',
            ),
          ]
        : []),
      row(`${label}: one message per commit`, 'msg/s', {
        raw: at(m.raw?.runs, 1)?.msgPerSec,
        rawOld: at(m.rawOld?.runs, 1)?.msgPerSec,
      }),
      row(`${label}: CPU of the storing process`, '% core', {
        store: m.store?.cpuPct,
        server: m.server?.server.cpuPct,
        raw: m.raw?.cpuPct,
        rawOld: m.rawOld?.cpuPct,
      }),
      ...(driver === 'postgres' ? [row(`${label}: CPU of PostgreSQL`, '% core', { store: m.dbCpuPct })] : []),
    ];
  });
}

function checksOf(driver: Driver, measured: Map<Durability, Measured>): Check[] {
  return [...measured].flatMap(([d, m]): Check[] => {
    const s = m.server?.result;
    const st = m.store?.result;
    const raw = m.raw;
    return [
      ...(st
        ? [
            {
              target: `pigeon store (${driver}, ${d})`,
              name: 'every acked message stored once, seqs 1..n',
              ok:
                st.duplicates === 0 &&
                st.stored.rows === st.messages &&
                st.stored.denseConversations === st.stored.conversations,
              detail: `${st.messages} acked, ${st.stored.rows} stored, ${st.stored.denseConversations}/${st.stored.conversations} conversations with seqs 1..n, ${st.duplicates} duplicate acks`,
            },
          ]
        : []),
      ...(s
        ? [
            {
              target: `pigeon (${driver}, ${d})`,
              name: 'every send acked',
              ok: s.failed === 0 && s.acked === s.sent,
              detail: `${s.sent} sent, ${s.acked} acked, ${s.failed} failed`,
            },
          ]
        : []),
      ...(raw?.totalRows !== undefined
        ? [
            {
              target: 'raw pg',
              name: 'every row stored',
              ok: raw.storedRows === raw.totalRows,
              detail: `${raw.totalRows} inserted, ${raw.storedRows} stored`,
            },
          ]
        : []),
    ];
  });
}

export const storage: Scenario = {
  name: 'storage',
  title: 'Storage alone (group commit)',
  summary: "Pigeon's store + batcher directly, Pigeon over WS with offline recipients, and the raw driver",
  params: {
    seconds: { default: 5, tiny: 0.5, help: 'seconds per measurement' },
    senders: { default: 200, tiny: 4, help: 'concurrent senders (conversations)' },
    window: { default: 4, tiny: 2, help: 'messages each sender keeps waiting for a commit' },
    batchWindowMs: { default: 2, tiny: 2, help: "batcher window (ms), as the server's default" },
    batchMax: { default: 256, tiny: 256, help: "most messages per commit, as the server's default" },
    serverRate: { default: 30_000, tiny: 200, help: 'offered msg/s over WebSocket' },
    perSenderRate: { default: 40, tiny: 40, help: 'sends/s per connection (Pigeon limits 50)' },
    normalToo: { default: 1, tiny: 0, help: "SQLite: 1 = also measure durability normal (Pigeon's default)" },
  },
  choices: {
    driver: { values: ['sqlite', 'postgres'], default: 'sqlite', help: 'database under the store' },
  },
  async run(ctx) {
    const driver = ctx.choices.driver as Driver;
    const notes = skippedNotes(ctx);
    const measured = driver === 'postgres' ? await onPostgres(ctx, notes) : await onSqlite(ctx);
    if (!available()) notes.push('Pigeon store not measured: packages/server has no store yet');
    const rawName = driver === 'postgres' ? 'raw pg' : 'raw SQLite';
    notes.push(
      `${rawName} commits ${ctx.params.batchMax} rows per transaction, back to back; Pigeon's batcher commits at once when idle and batches what arrives during a commit (at most ${ctx.params.batchMax}, collecting at most ${ctx.params.batchWindowMs} ms)`,
    );
    const bars = ([d, m]: [Durability, Measured]): BarPanel => ({
      kind: 'bar',
      title: `Messages stored per second, ${driver} ${driver === 'postgres' ? 'durable' : d}`,
      yLabel: 'msg/s',
      bars: [
        { label: 'Pigeon store', value: m.store?.result.msgPerSec ?? 0 },
        { label: 'Pigeon over WS', value: m.server?.result.ackedPerSec ?? 0 },
        { label: `${rawName} ×${ctx.params.batchMax}`, value: m.raw?.runs.at(-1)?.msgPerSec ?? 0 },
        ...(m.rawOld
          ? [{ label: `old schema ×${ctx.params.batchMax}`, value: m.rawOld.runs.at(-1)?.msgPerSec ?? 0 }]
          : []),
        { label: `${rawName} ×1`, value: m.raw?.runs[0]?.msgPerSec ?? 0 },
      ],
    });
    const columns = [
      { key: 'store', label: 'Pigeon store' },
      { key: 'server', label: 'Pigeon over WS' },
      { key: 'raw', label: rawName },
      ...(driver === 'sqlite' ? [{ key: 'rawOld', label: 'raw SQLite, old schema' }] : []),
    ];
    return {
      scenario: 'storage',
      title: `Storage alone (${driver === 'postgres' ? 'PostgreSQL' : 'SQLite'}, group commit)`,
      columns,
      ratios: [
        ['store', 'raw'],
        ['server', 'raw'],
      ],
      rows: rowsOf(ctx, driver, measured),
      checks: checksOf(driver, measured),
      notes,
      figures: { driver, ...Object.fromEntries(measured) },
      params: ctx.params,
      chart: {
        title: `Storage alone (${driver})`,
        subtitle: `${ctx.params.senders} senders × ${ctx.params.window} waiting`,
        panels: [...measured].map(bars),
      },
    } satisfies ScenarioReport;
  },
};
