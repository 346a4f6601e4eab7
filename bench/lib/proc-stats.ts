/**
 * CPU and memory of a process, read from /proc like `top` does, so the server child and the
 * generator are measured the same way and separately.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { clearInterval, setInterval } from 'node:timers';

let clockTicks: number | undefined;
export function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

export interface ProcSample {
  /** ms since the epoch. */
  t: number;
  /** user + system CPU seconds used so far. */
  cpuSeconds: number;
  rssKiB: number;
  /** Peak RSS so far (VmHWM). */
  hwmKiB: number;
}

export function readProc(pid: number): ProcSample | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / ticksPerSecond();
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
    return { t: Date.now(), cpuSeconds, rssKiB: kib('VmRSS'), hwmKiB: kib('VmHWM') };
  } catch {
    return undefined;
  }
}

export interface ProcPoint {
  /** Seconds since the monitor started. */
  s: number;
  cpuPct: number;
  rssMiB: number;
}

/** Samples a process every `intervalMs`; `cpuPct` is the share of one core over the last interval. */
export class ProcMonitor {
  readonly points: ProcPoint[] = [];
  readonly #pid: number;
  #timer: ReturnType<typeof setInterval> | undefined;
  #first: ProcSample | undefined;
  #last: ProcSample | undefined;
  #peakKiB = 0;

  constructor(pid: number) {
    this.#pid = pid;
  }

  start(intervalMs = 1000): this {
    this.#first = this.#last = readProc(this.#pid);
    if (this.#first) this.points.push({ s: 0, cpuPct: 0, rssMiB: this.#first.rssKiB / 1024 });
    this.#timer = setInterval(() => this.sample(), intervalMs);
    this.#timer.unref();
    return this;
  }

  sample(): ProcSample | undefined {
    const now = readProc(this.#pid);
    const prev = this.#last;
    if (!now || !prev || !this.#first) return undefined;
    const dt = (now.t - prev.t) / 1000;
    const cpuPct = dt > 0 ? (100 * (now.cpuSeconds - prev.cpuSeconds)) / dt : 0;
    this.points.push({ s: (now.t - this.#first.t) / 1000, cpuPct, rssMiB: now.rssKiB / 1024 });
    this.#peakKiB = Math.max(this.#peakKiB, now.rssKiB);
    this.#last = now;
    return now;
  }

  /** Mean CPU (% of one core) since start, and RSS figures in MiB. */
  summary(): { cpuPct: number; cpuSeconds: number; rssMiB: number; peakRssMiB: number } {
    const end = readProc(this.#pid) ?? this.#last;
    const start = this.#first;
    if (!end || !start) return { cpuPct: 0, cpuSeconds: 0, rssMiB: 0, peakRssMiB: 0 };
    const dt = (end.t - start.t) / 1000;
    const used = end.cpuSeconds - start.cpuSeconds;
    return {
      cpuPct: dt > 0 ? (100 * used) / dt : 0,
      cpuSeconds: used,
      rssMiB: end.rssKiB / 1024,
      peakRssMiB: Math.max(this.#peakKiB, end.rssKiB) / 1024,
    };
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}

/** Open-file limit this process got (bench.sh raises it before Node starts). */
export function openFileLimit(): number {
  try {
    const line = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    return line?.[1] === 'unlimited' ? Number.POSITIVE_INFINITY : Number(line?.[1] ?? 1024);
  } catch {
    return 1024;
  }
}

export interface PhaseCpu {
  /** Share of one core used during the phase. */
  serverCpuPct: number;
  generatorCpuPct: number;
  /** CPU time used during the phase (ms), for CPU per unit of work: the figure a busy box skews least. */
  serverCpuMs?: number;
  generatorCpuMs?: number;
}

export type Snapshot = { server: ProcSample | undefined; generator: ProcSample | undefined };

export const snapshot = (serverPid: number): Snapshot => ({
  server: readProc(serverPid),
  generator: readProc(process.pid),
});

/** CPU used by the server and the generator since `before`, as % of one core. */
export function cpuBetween(before: Snapshot, serverPid: number): PhaseCpu {
  const pct = (a: ProcSample | undefined, b: ProcSample | undefined) =>
    a && b && b.t > a.t ? round1((100_000 * (b.cpuSeconds - a.cpuSeconds)) / (b.t - a.t)) : 0;
  const ms = (a: ProcSample | undefined, b: ProcSample | undefined) =>
    a && b ? Math.round(1000 * (b.cpuSeconds - a.cpuSeconds)) : 0;
  const server = readProc(serverPid);
  const generator = readProc(process.pid);
  return {
    serverCpuPct: pct(before.server, server),
    generatorCpuPct: pct(before.generator, generator),
    serverCpuMs: ms(before.server, server),
    generatorCpuMs: ms(before.generator, generator),
  };
}

const round1 = (v: number) => Math.round(v * 10) / 10;
