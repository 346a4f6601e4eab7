/**
 * Cold start and idle memory: time from spawning the server process to its ready line and to the
 * first WebSocket handshake, and its RSS once idle. For Pigeon, again on a data directory holding
 * many stored messages (sent through the server first; `--messages 1000000` for the 1M case).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { FrameClient } from '../lib/frame-client.js';
import { SioClient } from '../lib/sio-client.js';
import { loopbackUrl } from '../lib/loopback.js';
import { openPairs } from '../lib/pairs.js';
import { readProc } from '../lib/proc-stats.js';
import { SERVER_CLI } from '../lib/targets/pigeon.js';
import type { Row, ScenarioReport } from '../lib/report.js';
import { round } from '../lib/samples.js';
import { columnsOf, skippedNotes, type Scenario, type ScenarioContext } from '../lib/scenario.js';
import type { Target, TargetFactory } from '../lib/targets/target.js';

interface StartFigures {
  readyMs: number;
  /** CPU the server process used from spawn to its ready line (comparable on a busy box). */
  readyCpuMs: number;
  firstConnectMs: number;
  idleRssMiB: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** The URL a fresh client dials, from the ready line each target prints. */
function dialUrl(target: Target): string {
  const url = loopbackUrl(target.child.match[1]);
  return target.name === 'sio' ? url : target.name === 'pigeon' ? `${url.replace(/^http/, 'ws')}/ws` : url;
}

async function startOnce(
  ctx: ScenarioContext,
  factory: TargetFactory,
  dataDir: string | undefined,
): Promise<StartFigures> {
  const t0 = performance.now();
  const target = await factory.start({ cpu: ctx.serverCpu, dataDir });
  try {
    const readyMs = performance.now() - t0;
    const readyCpuMs = (readProc(target.child.pid)?.cpuSeconds ?? 0) * 1000;
    const client =
      target.name === 'sio' ? await SioClient.open(dialUrl(target)) : await FrameClient.open(dialUrl(target));
    const firstConnectMs = performance.now() - t0;
    client.close();
    await sleep(ctx.params.settleMs);
    const rss = readProc(target.child.pid)?.rssKiB ?? 0;
    return {
      readyMs: round(readyMs, 1),
      readyCpuMs: round(readyCpuMs, 0),
      firstConnectMs: round(firstConnectMs, 1),
      idleRssMiB: round(rss / 1024, 1),
    };
  } finally {
    await target.stop();
  }
}

async function startRepeated(ctx: ScenarioContext, factory: TargetFactory, dataDir: () => string | undefined) {
  const runs: StartFigures[] = [];
  for (let i = 0; i < ctx.params.repeat; i++) {
    ctx.reporter.progress(`coldstart · ${factory.label}: start ${i + 1}/${ctx.params.repeat}`);
    runs.push(await startOnce(ctx, factory, dataDir()));
  }
  return {
    runs,
    readyMs: median(runs.map((r) => r.readyMs)),
    readyCpuMs: median(runs.map((r) => r.readyCpuMs)),
    firstConnectMs: median(runs.map((r) => r.firstConnectMs)),
    idleRssMiB: median(runs.map((r) => r.idleRssMiB)),
  };
}

/** Fills `dataDir` with `count` messages sent through the server, then stops it. */
async function populate(ctx: ScenarioContext, factory: TargetFactory, dataDir: string, count: number) {
  const target = await factory.start({ cpu: ctx.serverCpu, dataDir });
  try {
    const pairs = await openPairs(
      target,
      Math.min(300, Math.ceil(count / 50)),
      { window: 8, perSenderRate: 40, textBytes: 64, checkSeq: false },
      { prefix: 'fill', receiversOnline: false, concurrency: 50, perAddress: 25_000 },
    );
    while (pairs.traffic.counts.acked < count) {
      const left = count - pairs.traffic.counts.acked;
      const rate = pairs.senders.length * 40;
      await pairs.traffic.run({ name: 'fill', seconds: Math.min(2, left / rate + 0.2), rate, record: false }, () =>
        ctx.reporter.progress(`coldstart · storing messages: ${pairs.traffic.counts.acked}/${count}`),
      );
    }
    await pairs.traffic.drain(10_000);
    await pairs.close();
    return pairs.traffic.counts.acked;
  } finally {
    await target.stop();
  }
}

export const coldstart: Scenario = {
  name: 'coldstart',
  title: 'Cold start and idle memory',
  summary: 'spawn → ready line → first WebSocket handshake, idle RSS; Pigeon again with many stored messages',
  params: {
    repeat: { default: 3, tiny: 1, help: 'starts per target (the median is reported)' },
    settleMs: { default: 2000, tiny: 300, help: 'idle time before reading RSS' },
    messages: {
      default: 20_000,
      tiny: 200,
      help: 'messages stored before the second Pigeon start (1000000 for the 1M case)',
    },
  },
  async run(ctx) {
    const fresh: Record<string, Awaited<ReturnType<typeof startRepeated>>> = {};
    const dirs: string[] = [];
    const newDir = () => {
      dirs.push(mkdtempSync(join(tmpdir(), 'pigeon-bench-cold-')));
      return dirs[dirs.length - 1];
    };
    let loaded: (Awaited<ReturnType<typeof startRepeated>> & { stored: number }) | undefined;
    try {
      for (const f of ctx.targets)
        fresh[f.name] = await startRepeated(ctx, f, () => (f.name === 'pigeon' ? newDir() : undefined));
      const pigeon = ctx.targets.find((f) => f.name === 'pigeon');
      if (pigeon && ctx.params.messages > 0) {
        const dir = newDir();
        const stored = await populate(ctx, pigeon, dir, ctx.params.messages);
        loaded = { ...(await startRepeated(ctx, pigeon, () => dir)), stored };
      }
    } finally {
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    }
    const v = (f: (r: (typeof fresh)[string]) => number) =>
      Object.fromEntries(Object.entries(fresh).map(([k, r]) => [k, f(r)]));
    const n = loaded?.stored ?? ctx.params.messages;
    const rows: Row[] = [
      { metric: 'spawn → ready line', unit: 'ms', goal: '≤ 300', better: 'lower', values: v((r) => r.readyMs) },
      {
        metric: 'server CPU spawn → ready line',
        unit: 'ms',
        better: 'lower',
        values: v((r) => r.readyCpuMs),
      },
      { metric: 'spawn → first WebSocket handshake', unit: 'ms', better: 'lower', values: v((r) => r.firstConnectMs) },
      { metric: 'idle RSS', unit: 'MiB', goal: '≤ 60', better: 'lower', values: v((r) => r.idleRssMiB) },
      {
        metric: `with ${n} messages: spawn → first handshake`,
        unit: 'ms',
        goal: '≤ 1,000 at 1M',
        values: { pigeon: loaded?.firstConnectMs },
      },
      { metric: `with ${n} messages: idle RSS`, unit: 'MiB', values: { pigeon: loaded?.idleRssMiB } },
    ];
    const checks = loaded
      ? [
          {
            target: 'pigeon',
            name: 'messages stored before restart',
            ok: loaded.stored >= ctx.params.messages,
            detail: `${loaded.stored} acked`,
          },
        ]
      : [];
    const notes = skippedNotes(ctx);
    notes.push(
      `median of ${ctx.params.repeat} start(s); RSS read ${ctx.params.settleMs} ms after the first handshake; times include spawning node (and taskset)`,
      `Pigeon started from ${relative(process.cwd(), SERVER_CLI)}`,
    );
    const bars = (title: string, pick: (r: (typeof fresh)[string]) => number) => ({
      kind: 'bar' as const,
      title,
      yLabel: title.includes('RSS') ? 'MiB' : 'ms',
      bars: [
        ...Object.entries(fresh).map(([k, r]) => ({ label: k, value: pick(r) })),
        ...(loaded ? [{ label: `pigeon, ${n} msgs`, value: pick(loaded) }] : []),
      ],
    });
    return {
      scenario: 'coldstart',
      title: this.title,
      columns: columnsOf(ctx),
      rows,
      checks,
      notes,
      figures: { fresh, loaded },
      params: ctx.params,
      chart: {
        title: 'Cold start and idle memory',
        subtitle: `median of ${ctx.params.repeat}`,
        panels: [
          bars('spawn → first WebSocket handshake (ms)', (r) => r.firstConnectMs),
          bars('idle RSS (MiB)', (r) => r.idleRssMiB),
        ],
      },
    } satisfies ScenarioReport;
  },
};
