/**
 * The storage scenario's measurements, each in its own process pinned to the server core:
 *   storeDirect — Pigeon's store and group-commit batcher called directly (no network), then the
 *                 conversations read back (every acked message once, seqs 1..n);
 *   overServer  — Pigeon end to end over WebSocket, recipients offline, so an ack = a durable commit;
 *   sqliteRaw / pgRaw — the driver alone inserting the same kind of rows in batches of the same size.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPairs } from '../lib/pairs.js';
import { withTarget, type ScenarioContext } from '../lib/scenario.js';
import { runJsonChild } from '../lib/targets/child.js';

export type Durability = 'normal' | 'full';
export type Driver = 'sqlite' | 'postgres';

const script = (f: string) => fileURLToPath(new URL(`../lib/relays/${f}`, import.meta.url));
export const SERVER_DIST = fileURLToPath(new URL('../../packages/server/dist/store/open-store.js', import.meta.url));
export const SERVER_SRC = fileURLToPath(new URL('../../packages/server/src/store/open-store.ts', import.meta.url));

export interface StoreResult {
  durability: Durability;
  messages: number;
  msgPerSec: number;
  batches: number;
  meanBatch: number;
  commitMs: { p50: number; p99: number; max: number };
  duplicates: number;
  /** KiB this process wrote per message (WAL and checkpoints; on PostgreSQL only the socket). */
  kibWrittenPerMsg: number;
  stored: { rows: number; conversations: number; denseConversations: number };
}

export interface RawRun {
  batch: number;
  msgPerSec: number;
  commitsPerSec: number;
  commitMs: { p50: number; p99: number };
  /** SQLite only: KiB the process wrote per row (WAL and checkpoints). */
  kibWrittenPerRow?: number;
}

export interface ServerResult {
  durability: Durability;
  ackedPerSec: number;
  ackP50: number;
  ackP99: number;
  sent: number;
  acked: number;
  failed: number;
}

const tempDir = () => mkdtempSync(join(tmpdir(), 'pigeon-bench-store-'));

export async function storeDirect(ctx: ScenarioContext, durability: Durability, driver: Driver, url = '') {
  const p = ctx.params;
  const dir = tempDir();
  const loader = existsSync(SERVER_DIST) ? [] : ['--import', 'tsx'];
  ctx.reporter.progress(`storage · Pigeon store (${driver}, ${durability}): ${p.seconds}s`);
  try {
    const args = [dir, p.seconds, durability, p.senders, p.window, p.batchWindowMs, p.batchMax, driver, url];
    return await runJsonChild<StoreResult>([...loader, script('pigeon-store.mjs'), ...args.map(String)], ctx.serverCpu);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Raw better-sqlite3 on Pigeon's messages schema before (`old`) or after (`new`) migration 0011. */
export async function sqliteRaw(ctx: ScenarioContext, durability: Durability, schema: 'old' | 'new') {
  const dir = tempDir();
  ctx.reporter.progress(`storage · raw SQLite (${schema} schema, ${durability}): ${ctx.params.seconds}s`);
  try {
    const args = [dir, String(ctx.params.seconds), `1,${ctx.params.batchMax}`, durability, schema];
    return await runJsonChild<{ runs: RawRun[] }>([script('sqlite-baseline.mjs'), ...args], ctx.serverCpu);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function pgRaw(ctx: ScenarioContext, url: string) {
  ctx.reporter.progress(`storage · raw pg: ${ctx.params.seconds}s`);
  const args = [url, String(ctx.params.seconds), `1,${ctx.params.batchMax}`];
  return runJsonChild<{ runs: RawRun[]; totalRows: number; storedRows: number }>(
    [script('pg-baseline.mjs'), ...args],
    ctx.serverCpu,
  );
}

export async function overServer(ctx: ScenarioContext, durability: Durability, serverArgs: string[]) {
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
      };
    },
    { serverArgs: ['--durability', durability, ...serverArgs] },
  );
}
