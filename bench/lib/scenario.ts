/** The shape every scenario has, and the loop that runs one body against each target in turn. */
import { availableParallelism } from 'node:os';
import { cpuTotals } from './machine.js';
import type { Reporter } from './progress.js';
import { ProcMonitor, ticksPerSecond, type ProcPoint } from './proc-stats.js';
import type { ScenarioReport } from './report.js';
import { round } from './samples.js';
import type { StartOptions, Target, TargetFactory } from './targets/target.js';

export interface Param {
  /** Modest size: a run of a few minutes at most. */
  default: number;
  /** Smoke-test size: seconds. */
  tiny: number;
  help: string;
}

/** A flag that takes one of a few words (`--driver postgres`). */
export interface Choice {
  values: readonly string[];
  default: string;
  help: string;
}

export interface ScenarioContext {
  params: Record<string, number>;
  /** The scenario's word-valued flags, resolved (`choices` below). */
  choices: Record<string, string>;
  /** Targets that can run here, Pigeon first. */
  targets: TargetFactory[];
  /** Targets that cannot, with the reason (shown in the notes). */
  skipped: { name: string; reason: string }[];
  serverCpu: number | undefined;
  reporter: Reporter;
  /** Open-file limit of the generator (and of the servers, which inherit it). */
  fdLimit: number;
  /** Node flags for every server process (--profile adds --cpu-prof). */
  serverNodeFlags: string[];
  /** CPU other processes on the machine used while each target ran: a busy box skews figures. */
  load: { target: string; othersCpuPct: number }[];
}

export interface Scenario {
  name: string;
  title: string;
  summary: string;
  params: Record<string, Param>;
  choices?: Record<string, Choice>;
  run(ctx: ScenarioContext): Promise<ScenarioReport>;
}

export interface ProcFigures {
  cpuPct: number;
  cpuSeconds: number;
  rssMiB: number;
  peakRssMiB: number;
  points: ProcPoint[];
}

export interface TargetRun<T> {
  result: T;
  server: ProcFigures;
  generator: ProcFigures;
}

const figures = (m: ProcMonitor): ProcFigures => {
  const s = m.summary();
  return {
    cpuPct: round(s.cpuPct, 1),
    cpuSeconds: round(s.cpuSeconds, 2),
    rssMiB: round(s.rssMiB, 1),
    peakRssMiB: round(s.peakRssMiB, 1),
    points: m.points.map((p) => ({ s: round(p.s, 1), cpuPct: round(p.cpuPct, 1), rssMiB: round(p.rssMiB, 1) })),
  };
};

/** CPU (% of one core) used by everything but the server and the generator between two readings. */
function othersCpu(
  a: { idle: number; total: number },
  b: { idle: number; total: number },
  run: { server: ProcFigures; generator: ProcFigures },
): number {
  const tick = ticksPerSecond();
  const busy = (b.total - b.idle - (a.total - a.idle)) / tick;
  const seconds = (b.total - a.total) / tick / availableParallelism();
  const others = busy - run.server.cpuSeconds - run.generator.cpuSeconds;
  return seconds > 0 ? round((100 * Math.max(0, others)) / seconds, 1) : 0;
}

export interface Monitors {
  server: ProcMonitor;
  generator: ProcMonitor;
}

/**
 * Starts the target, watches its process and this one, runs `body`, and always stops the server.
 * The monitors sample on their own each second; `body` may also call `sample()` at moments it cares about.
 */
export async function withTarget<T>(
  ctx: ScenarioContext,
  factory: TargetFactory,
  body: (target: Target, monitors: Monitors) => Promise<T>,
  start: Partial<StartOptions> = {},
): Promise<TargetRun<T>> {
  const nodeFlags = [...ctx.serverNodeFlags, ...(start.nodeFlags ?? [])];
  const target = await factory.start({ cpu: ctx.serverCpu, ...start, nodeFlags });
  const monitors = {
    server: new ProcMonitor(target.child.pid).start(),
    generator: new ProcMonitor(process.pid).start(),
  };
  const machineBefore = cpuTotals();
  try {
    const result = await body(target, monitors);
    const run = { result, server: figures(monitors.server), generator: figures(monitors.generator) };
    ctx.load.push({ target: factory.name, othersCpuPct: othersCpu(machineBefore, cpuTotals(), run) });
    return run;
  } finally {
    monitors.server.stop();
    monitors.generator.stop();
    await target.stop();
  }
}

/** Report columns for the targets that ran. */
export const columnsOf = (ctx: ScenarioContext) => ctx.targets.map((t) => ({ key: t.name, label: t.label }));

/** Notes every scenario carries: which targets were skipped and why. */
export const skippedNotes = (ctx: ScenarioContext): string[] =>
  ctx.skipped.map((s) => `${s.name} not measured: ${s.reason}`);
