/**
 * Storage alone. Three measurements side by side, each in its own process pinned to the server core:
 *   store  — Pigeon's SQLite store and group-commit batcher called directly (no network);
 *   server — Pigeon end to end over WebSocket, recipients offline, so an ack = a durable commit;
 *   sqlite — raw better-sqlite3 inserting the same kind of rows in batches of the same size.
 * Both durabilities: `full` (fsync per commit, survives power loss) and `normal` (Pigeon's default,
 * survives a killed process).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPairs } from '../lib/pairs.js';
import type { Row, ScenarioReport, Value } from '../lib/report.js';
import { skippedNotes, withTarget, type Scenario, type ScenarioContext } from '../lib/scenario.js';
import { runJsonChild } from '../lib/targets/child.js';
import type { BarPanel } from '../lib/svg-chart.js';

type Durability = 'normal' | 'full';
const DURABILITIES: Durability[] = ['full', 'normal'];
const script = (f: string) => fileURLToPath(new URL(`../lib/relays/${f}`, import.meta.url));
const SERVER_DIST = fileURLToPath(new URL('../../packages/server/dist/store/open-store.js', import.meta.url));
const SERVER_SRC = fileURLToPath(new URL('../../packages/server/src/store/open-store.ts', import.meta.url));

interface StoreResult {
  durability: Durability;
  messages: number;
  msgPerSec: number;
  batches: number;
  meanBatch: number;
  commitMs: { p50: number; p99: number; max: number };
}

interface SqliteRun {
  batch: number;
  msgPerSec: number;
  commitsPerSec: number;
  commitMs: { p50: number; p99: number };
}

interface ServerResult {
  durability: Durability;
  ackedPerSec: number;
  ackP50: number;
  ackP99: number;
  sent: number;
  acked: number;
  failed: number;
  stored: boolean | undefined;
}

const tempDir = () => mkdtempSync(join(tmpdir(), 'pigeon-bench-store-'));

async function storeDirect(ctx: ScenarioContext, durability: Durability) {
  const p = ctx.params;
  const dir = tempDir();
  const loader = existsSync(SERVER_DIST) ? [] : ['--import', 'tsx'];
  ctx.reporter.progress(`storage · Pigeon store (direct, ${durability}): ${p.seconds}s`);
  try {
    const args = [dir, p.seconds, durability, p.senders, p.window, p.batchWindowMs, p.batchMax].map(String);
    return await runJsonChild<StoreResult>([...loader, script('pigeon-store.mjs'), ...args], ctx.serverCpu);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function sqliteRaw(ctx: ScenarioContext, durability: Durability) {
  const dir = tempDir();
  ctx.reporter.progress(`storage · raw SQLite (${durability}): ${ctx.params.seconds}s`);
  try {
    const args = [dir, String(ctx.params.seconds), `1,${ctx.params.batchMax}`, durability];
    return await runJsonChild<{ runs: SqliteRun[] }>([script('sqlite-baseline.mjs'), ...args], ctx.serverCpu);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function overServer(ctx: ScenarioContext, durability: Durability) {
  const p = ctx.params;
  const factory = ctx.targets.find((t) => t.name === 'pigeon');
  if (!factory) return undefined;
  const pairs = Math.max(p.senders, Math.ceil(p.serverRate / p.perSenderRate));
  return withTarget(
    ctx,
    factory,
    async (target): Promise<ServerResult> => {
      const set = await openPairs(
        target,
        pairs,
        { window: p.window, perSenderRate: p.perSenderRate, textBytes: 64, checkSeq: false },
        { prefix: 'st', receiversOnline: false, concurrency: 100, perAddress: 25_000 },
      );
      const phase = await set.traffic.run(
        { name: 'store', seconds: p.seconds, rate: p.serverRate, record: true },
        (row) =>
          ctx.reporter.progress(
            `storage · Pigeon over WS (${durability}): ${row.ackedPerSec}/s acked · ack p99 ${row.ackP99} ms`,
          ),
      );
      await set.traffic.drain(10_000);
      const totals = set.traffic.ledger.totals();
      await set.close();
      return {
        durability,
        ackedPerSec: phase.ackedPerSec,
        ackP50: phase.ack.p50,
        ackP99: phase.ack.p99,
        sent: totals.sent,
        acked: totals.acked,
        failed: totals.failed,
        stored: undefined,
      };
    },
    { serverArgs: ['--durability', durability] },
  );
}

export const storage: Scenario = {
  name: 'storage',
  title: 'Storage alone (SQLite, group commit)',
  summary: "Pigeon's store + batcher directly, Pigeon over WS with offline recipients, and raw SQLite; fsync and not",
  params: {
    seconds: { default: 5, tiny: 0.5, help: 'seconds per measurement' },
    senders: { default: 200, tiny: 4, help: 'concurrent senders (conversations)' },
    window: { default: 4, tiny: 2, help: 'messages each sender keeps waiting for a commit' },
    batchWindowMs: { default: 2, tiny: 2, help: "batcher window (ms), as the server's default" },
    batchMax: { default: 256, tiny: 256, help: "most messages per commit, as the server's default" },
    serverRate: { default: 30_000, tiny: 200, help: 'offered msg/s over WebSocket' },
    perSenderRate: { default: 40, tiny: 40, help: 'sends/s per connection (Pigeon limits 50)' },
    normalToo: { default: 1, tiny: 0, help: "1 = also measure durability normal (Pigeon's default), 0 = full only" },
  },
  async run(ctx) {
    const available = existsSync(SERVER_DIST) || existsSync(SERVER_SRC);
    const store: Partial<Record<Durability, Awaited<ReturnType<typeof storeDirect>>>> = {};
    const sqlite: Partial<Record<Durability, Awaited<ReturnType<typeof sqliteRaw>>>> = {};
    const server: Partial<Record<Durability, Awaited<ReturnType<typeof overServer>>>> = {};
    const durabilities = ctx.params.normalToo ? DURABILITIES : DURABILITIES.slice(0, 1);
    for (const d of durabilities) {
      if (available) store[d] = await storeDirect(ctx, d);
      sqlite[d] = await sqliteRaw(ctx, d);
      server[d] = await overServer(ctx, d);
    }
    const batched = (d: Durability) => sqlite[d]?.result.runs.find((r) => r.batch === ctx.params.batchMax);
    const single = (d: Durability) => sqlite[d]?.result.runs.find((r) => r.batch === 1);
    const row = (
      metric: string,
      unit: string,
      f: Record<string, Value>,
      goal?: string,
      better?: Row['better'],
    ): Row => ({
      metric,
      unit,
      goal,
      better,
      values: f,
    });
    const rows: Row[] = durabilities.flatMap((d) => [
      row(
        `${d}: messages stored`,
        'msg/s',
        { store: store[d]?.result.msgPerSec, server: server[d]?.result.ackedPerSec, sqlite: batched(d)?.msgPerSec },
        d === 'full' ? '≥ 50,000' : undefined,
        'higher',
      ),
      row(
        `${d}: commit/ack p99`,
        'ms',
        { store: store[d]?.result.commitMs.p99, server: server[d]?.result.ackP99, sqlite: batched(d)?.commitMs.p99 },
        d === 'full' ? '≤ 5 window' : undefined,
        'lower',
      ),
      row(`${d}: mean messages per commit`, '', { store: store[d]?.result.meanBatch, sqlite: ctx.params.batchMax }),
      row(`${d}: one message per commit`, 'msg/s', { sqlite: single(d)?.msgPerSec }),
      row(`${d}: CPU of the storing process`, '% core', {
        store: store[d]?.cpuPct,
        server: server[d]?.server.cpuPct,
        sqlite: sqlite[d]?.cpuPct,
      }),
    ]);
    const checks = durabilities.flatMap((d) => {
      const s = server[d]?.result;
      return s
        ? [
            {
              target: `pigeon (${d})`,
              name: 'every send acked',
              ok: s.failed === 0 && s.acked === s.sent,
              detail: `${s.sent} sent, ${s.acked} acked, ${s.failed} failed`,
            },
          ]
        : [];
    });
    const notes = skippedNotes(ctx);
    if (!available) notes.push('Pigeon store not measured: packages/server has no store yet');
    notes.push(
      `raw SQLite commits ${ctx.params.batchMax} rows per transaction, back to back; Pigeon's batcher commits what arrived within ${ctx.params.batchWindowMs} ms (at most ${ctx.params.batchMax})`,
    );
    const bars = (d: Durability): BarPanel => ({
      kind: 'bar',
      title: `Messages stored per second, durability ${d}`,
      yLabel: 'msg/s',
      bars: [
        { label: 'Pigeon store', value: store[d]?.result.msgPerSec ?? 0 },
        { label: 'Pigeon over WS', value: server[d]?.result.ackedPerSec ?? 0 },
        { label: `SQLite ×${ctx.params.batchMax}`, value: batched(d)?.msgPerSec ?? 0 },
        { label: 'SQLite ×1', value: single(d)?.msgPerSec ?? 0 },
      ],
    });
    return {
      scenario: 'storage',
      title: this.title,
      columns: [
        { key: 'store', label: 'Pigeon store' },
        { key: 'server', label: 'Pigeon over WS' },
        { key: 'sqlite', label: 'raw SQLite' },
      ],
      ratios: [
        ['store', 'sqlite'],
        ['server', 'sqlite'],
      ],
      rows,
      checks,
      notes,
      figures: { store, server, sqlite },
      params: ctx.params,
      chart: {
        title: 'Storage alone',
        subtitle: `${ctx.params.senders} senders × ${ctx.params.window} waiting`,
        panels: DURABILITIES.map(bars),
      },
    } satisfies ScenarioReport;
  },
};
