/** Runs the built CLI (dist/cli.js) as a child process, building it first when the sources are newer. */
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PKG = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = join(PKG, 'dist', 'cli.js');

function newest(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((e) =>
      e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs,
    ),
  );
}

function isStale(): boolean {
  try {
    return statSync(CLI).mtimeMs < newest(join(PKG, 'src'));
  } catch {
    return true; // not built yet
  }
}

/** Builds dist when stale; a lock directory keeps test files running in parallel from building at once. */
export async function ensureBuilt(): Promise<void> {
  if (!isStale()) return;
  const lock = join(PKG, '.build-lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another test file is building; a lock left by a crashed run is broken after two minutes.
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 120_000) rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    if (!isStale()) return;
    execFileSync('npx', ['tsc', '-p', join(PKG, 'tsconfig.json')], { stdio: 'inherit' });
    // An incremental build that had nothing to emit leaves old mtimes: mark the build fresh.
    const now = new Date();
    utimesSync(CLI, now, now);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export function runCli(args: string[], env: Record<string, string> = {}): string {
  return execFileSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
}

export interface CliServer {
  child: ChildProcessWithoutNullStreams;
  url: string;
  wsUrl: string;
  stdout: () => string;
  exited: Promise<number | null>;
}

/** Starts `pigeon start` (dist/cli.js, or `script`) and resolves once it prints "Pigeon ready on <url>". */
export function startCli(args: string[], script = CLI, env: Record<string, string> = {}): Promise<CliServer> {
  const child = spawn(process.execPath, [script, 'start', '--log-level', 'warn', ...args], {
    env: { ...process.env, PORT: '', ...env },
  });
  let out = '';
  let err = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line; stdout: ${out} stderr: ${err}`)), 20_000);
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^Pigeon ready on (http:\/\/\S+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!, wsUrl: `${m[1]!.replace('http', 'ws')}/ws`, stdout: () => out, exited });
      }
    });
    void exited.then((code) => reject(new Error(`exited ${code}: ${err}`)));
  });
}
