/** Runs one scenario end to end: options, machine, pinning, the run, the table and the files. */
import { fileURLToPath } from 'node:url';
import { machine, pinCores, type Machine, type Pinning } from './machine.js';
import { openFileLimit } from './proc-stats.js';
import type { Reporter } from './progress.js';
import { renderChecks, renderTable, writeReport, type ScenarioReport, type Written } from './report.js';
import type { Scenario, ScenarioContext } from './scenario.js';
import { TARGETS } from './targets/index.js';
import type { TargetName } from './targets/target.js';

export const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));

export interface RunOptions {
  /** Flag values from the command line (`--connections 5000`). */
  flags: Record<string, string>;
  reporter: Reporter;
  outDir?: string;
  /** Pin server and generator to their own cores: when two are free (auto), always, or never. */
  pin?: 'auto' | 'always' | 'never';
  /** Extra node flags for every server process (e.g. --cpu-prof). */
  serverNodeFlags?: string[];
  /** Smoke-test sizes instead of the modest defaults. */
  tiny?: boolean;
  targets?: TargetName[];
  /** Skip the one-second busy sample (tests). */
  quickMachine?: boolean;
}

export interface RunOutcome {
  report: ScenarioReport;
  files: Written;
  ok: boolean;
  machine: Machine;
  pinning: Pinning;
}

export function resolveParams(
  scenario: Scenario,
  flags: Record<string, string>,
  tiny: boolean,
): Record<string, number> {
  const params: Record<string, number> = {};
  for (const [key, p] of Object.entries(scenario.params)) {
    const raw = flags[key] ?? flags[key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)];
    const value = raw === undefined ? (tiny ? p.tiny : p.default) : Number(raw);
    if (!Number.isFinite(value)) throw new Error(`--${key} wants a number, got ${raw}`);
    params[key] = value;
  }
  return params;
}

export function resolveChoices(scenario: Scenario, flags: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, c] of Object.entries(scenario.choices ?? {})) {
    const value = flags[key] ?? c.default;
    if (!c.values.includes(value)) throw new Error(`--${key} wants one of ${c.values.join(', ')}, got ${value}`);
    out[key] = value;
  }
  return out;
}

const commandLine = (opts: RunOptions) =>
  ['npm run bench --', ...process.argv.slice(2)].join(' ') +
  (opts.tiny && !process.argv.includes('--tiny') ? ' (tiny)' : '');

export async function runScenario(scenario: Scenario, opts: RunOptions): Promise<RunOutcome> {
  const params = resolveParams(scenario, opts.flags, opts.tiny ?? false);
  const wanted = opts.targets ?? (Object.keys(TARGETS) as TargetName[]);
  const factories = wanted.map((name) => TARGETS[name]);
  const mach = await machine(opts.quickMachine ? 100 : 1000);
  const pinning = pinCores(opts.pin ?? 'auto', mach);
  const ctx: ScenarioContext = {
    params,
    choices: resolveChoices(scenario, opts.flags),
    targets: factories.filter((f) => !f.unavailable()),
    skipped: factories.flatMap((f) => (f.unavailable() ? [{ name: f.label, reason: f.unavailable() ?? '' }] : [])),
    serverCpu: pinning.server,
    reporter: opts.reporter,
    fdLimit: openFileLimit(),
    serverNodeFlags: opts.serverNodeFlags ?? [],
    load: [],
  };
  const wantedFd = Number(process.env.PIGEON_BENCH_NOFILE_WANTED ?? 0);
  const notes = [
    `machine: ${mach.cores} × ${mach.cpuModel}, ${mach.memGiB} GiB, Linux ${mach.kernel}, Node ${mach.node}`,
    `${mach.busy ? 'BUSY machine' : 'quiet machine'}: ${mach.busyPct}% of all cores busy before the run (load ${mach.loadavg.join(' ')})`,
    `cores: ${pinning.note}`,
    wantedFd > ctx.fdLimit
      ? `open files: wanted ${wantedFd}, got ${ctx.fdLimit} (the hard limit; raising it needs CAP_SYS_RESOURCE)`
      : `open files: ${ctx.fdLimit}`,
  ];
  opts.reporter.log(`▶ ${scenario.name}: ${scenario.title}\n  ${notes.join('\n  ')}`);
  const report = await scenario.run(ctx);
  const others = ctx.load.map((l) => `${l.target} ${l.othersCpuPct}%`).join(', ');
  if (others) report.notes.unshift(`other processes' CPU while each target ran (% of one core): ${others}`);
  report.notes = [...notes, ...report.notes];
  const context = { machine: mach, pinning, fdLimit: ctx.fdLimit, load: ctx.load, command: commandLine(opts) };
  const files = writeReport(opts.outDir ?? RESULTS_DIR, report, context);
  opts.reporter.log(`\n${renderTable(report)}\n`);
  if (report.checks.length) opts.reporter.log(renderChecks(report));
  for (const note of report.notes.slice(notes.length)) opts.reporter.log(`note: ${note}`);
  opts.reporter.log(`\nwrote ${files.json}${files.svg ? ` and ${files.svg}` : ''}`);
  return { report, files, ok: report.checks.every((c) => c.ok), machine: mach, pinning };
}
