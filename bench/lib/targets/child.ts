/**
 * Starts a server as its own process (so its CPU and memory are read from /proc apart from the
 * generator's), pinned to a core with taskset when asked, and waits for the line saying it is ready.
 * The child inherits the raised open-file limit from bench.sh.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { clearTimeout, setTimeout } from 'node:timers';
import { createInterface } from 'node:readline';
import { ProcMonitor } from '../proc-stats.js';

export interface ChildOptions {
  /** Arguments to `node`. */
  nodeArgs: string[];
  /** Core to pin to with taskset; undefined = not pinned. */
  cpu: number | undefined;
  readyPattern: RegExp;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Default 60 s: on a shared, overloaded box a cold start can take tens of seconds. */
  timeoutMs?: number;
}

export interface ServerChild {
  readonly pid: number;
  /** ms from spawn() to the ready line. */
  readonly readyMs: number;
  readonly match: RegExpExecArray;
  /** Every stdout/stderr line (after the ready line too): the soak scenario reads --trace-gc here. */
  readonly lines: string[];
  readonly process: ChildProcess;
  stop(): Promise<number | null>;
}

/** Every server child still running, so an interrupted run can take them down with it. */
export const liveChildren = new Set<ChildProcess>();

export function killLiveChildren(): void {
  for (const child of liveChildren) child.kill('SIGKILL');
}

export function spawnServer(opts: ChildOptions): Promise<ServerChild> {
  const [cmd, args] =
    opts.cpu === undefined
      ? [process.execPath, opts.nodeArgs]
      : ['taskset', ['-c', String(opts.cpu), process.execPath, ...opts.nodeArgs]];
  const t0 = performance.now();
  const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  liveChildren.add(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  void exited.then(() => liveChildren.delete(child));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`not ready after ${opts.timeoutMs ?? 60_000} ms`)),
      opts.timeoutMs ?? 60_000,
    );
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(
        new Error(`${err.message}\n  command: ${[cmd, ...args].join(' ')}\n  output:\n${lines.slice(-20).join('\n')}`),
      );
    };
    const onLine = (line: string) => {
      lines.push(line);
      if (lines.length > 200_000) lines.splice(0, 100_000);
      const match = opts.readyPattern.exec(line);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        pid: child.pid ?? 0,
        readyMs: performance.now() - t0,
        match,
        lines,
        process: child,
        stop: () => stop(child, exited),
      });
    };
    createInterface({ input: child.stdout }).on('line', onLine);
    createInterface({ input: child.stderr }).on('line', onLine);
    child.once('error', fail);
    void exited.then((code) => fail(new Error(`exited with code ${code} before it was ready`)));
  });
}

async function stop(child: ChildProcess, exited: Promise<number | null>): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  const code = await exited;
  clearTimeout(timer);
  return code;
}

export interface JsonChildResult<T> {
  result: T;
  /** CPU seconds and peak RSS of the child, read from /proc while it ran. */
  cpuSeconds: number;
  cpuPct: number;
  peakRssMiB: number;
  seconds: number;
}

/** Runs a one-shot measuring child (pinned like a server) that prints one `{"result": …}` line. */
export function runJsonChild<T>(
  nodeArgs: string[],
  cpu: number | undefined,
  timeoutMs = 600_000,
): Promise<JsonChildResult<T>> {
  const [cmd, args] =
    cpu === undefined ? [process.execPath, nodeArgs] : ['taskset', ['-c', String(cpu), process.execPath, ...nodeArgs]];
  const t0 = performance.now();
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
  const monitor = new ProcMonitor(child.pid ?? 0).start(250);
  const lines: string[] = [];
  createInterface({ input: child.stdout }).on('line', (l) => lines.push(l));
  createInterface({ input: child.stderr }).on('line', (l) => lines.push(l));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      clearTimeout(timer);
      monitor.stop();
      const line = lines.find((l) => l.startsWith('{"result"'));
      if (code !== 0 || !line)
        return reject(new Error(`${args.join(' ')} exited ${code}:\n${lines.slice(-20).join('\n')}`));
      const cpuSeconds = monitor.points.length ? lastCpu(monitor) : 0;
      const seconds = (performance.now() - t0) / 1000;
      resolve({
        result: (JSON.parse(line) as { result: T }).result,
        cpuSeconds,
        cpuPct: seconds > 0 ? (100 * cpuSeconds) / seconds : 0,
        peakRssMiB: Math.max(0, ...monitor.points.map((p) => p.rssMiB)),
        seconds,
      });
    });
  });
}

/** CPU seconds summed from the monitor's per-interval percentages (the process is gone by now). */
function lastCpu(m: ProcMonitor): number {
  let total = 0;
  for (let i = 1; i < m.points.length; i++) total += (m.points[i].cpuPct / 100) * (m.points[i].s - m.points[i - 1].s);
  return total;
}
