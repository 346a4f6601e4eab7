/**
 * A real redis-server for tests on a free loopback port, in a temp dir, without persistence
 * (--save '' --appendonly no). `restart()` stops it and starts it again on the same port (empty).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

export const hasRedis = spawnSync('redis-server', ['--version']).status === 0;

export interface TestRedis {
  readonly port: number;
  readonly url: string;
  /** Stops the server (SIGKILL when `hard`), so clients see it gone. */
  down(hard?: boolean): Promise<void>;
  up(): Promise<void>;
  stop(): Promise<void>;
}

export async function startRedis(): Promise<TestRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'pigeon-redis-'));
  const port = await freePort();
  let proc: ChildProcess | undefined;
  const up = async () => {
    proc = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
      { stdio: 'ignore' },
    );
    await waitPort(port, proc);
  };
  const down = async (hard = false) => {
    const p = proc;
    proc = undefined;
    if (!p || p.exitCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill(hard ? 'SIGKILL' : 'SIGTERM');
    await exited;
  };
  await up();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    down,
    up,
    async stop() {
      await down();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitPort(port: number, proc: ChildProcess): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (proc.exitCode !== null) throw new Error(`redis-server exited with ${proc.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = createConnection({ port, host: '127.0.0.1' }, () => {
        s.end();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('redis-server did not start');
}
