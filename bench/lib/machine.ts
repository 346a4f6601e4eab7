/**
 * The machine a run happened on, and how busy it was: figures from a shared, busy box are not
 * comparable with a quiet one's, so every result says which it was.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { sleep } from './concurrency.js';

export interface Machine {
  cpuModel: string;
  cores: number;
  memGiB: number;
  kernel: string;
  node: string;
  loadavg: number[];
  /** Share of all cores busy (0-100) during a one-second sample before the run. */
  busyPct: number;
  busy: boolean;
}

/** Machine-wide CPU ticks since boot, all cores together. */
export function cpuTotals(): { idle: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  return { idle: v[3] + (v[4] ?? 0), total: v.reduce((a, b) => a + b, 0) };
}

export async function machine(sampleMs = 1000): Promise<Machine> {
  const a = cpuTotals();
  await sleep(sampleMs);
  const b = cpuTotals();
  const busyPct = Math.round(100 * (1 - (b.idle - a.idle) / Math.max(1, b.total - a.total)));
  return {
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    cores: os.availableParallelism(),
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    kernel: os.release(),
    node: process.version,
    loadavg: os.loadavg().map((l) => +l.toFixed(2)),
    busyPct,
    busy: busyPct > 15,
  };
}

export interface Pinning {
  /** Core the servers run on, or undefined when not pinned. */
  server: number | undefined;
  /** Core the generator (this process) runs on. */
  generator: number | undefined;
  note: string;
}

/**
 * With two free cores and taskset present, the generator takes the last core and servers the first,
 * so neither steals the other's CPU. On a busy machine pinning would make each share its core with
 * strangers, so `auto` leaves placement to the scheduler. `taskset -a` moves every thread.
 */
export function pinCores(mode: 'auto' | 'always' | 'never', mach: Machine): Pinning {
  const cores = os.availableParallelism();
  const none = (note: string): Pinning => ({ server: undefined, generator: undefined, note });
  if (mode === 'never') return none('not pinned (--no-pin)');
  if (cores < 2) return none(`not pinned: only ${cores} core available`);
  if (mode === 'auto' && mach.busy)
    return none(
      `not pinned: other processes kept ${mach.busyPct}% of the cores busy, so no two are free (--pin forces it)`,
    );
  const generator = cores - 1;
  try {
    execFileSync('taskset', ['-a', '-p', '-c', String(generator), String(process.pid)], { stdio: 'ignore' });
  } catch {
    return { server: undefined, generator: undefined, note: 'not pinned: taskset is missing or refused' };
  }
  return { server: 0, generator, note: `server on core 0, generator on core ${generator} (taskset)` };
}
