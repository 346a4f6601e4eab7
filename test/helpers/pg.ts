/**
 * A real PostgreSQL for tests: initdb into a temp dir and `postgres` on a free loopback port, run as
 * the unprivileged `postgres` user when we are root (PostgreSQL refuses root). Tests only: fsync,
 * synchronous_commit and full_page_writes are off (a crash of the test machine may lose data; a
 * crash of Pigeon cannot). Each test asks for its own database with `database()`. `durable: true`
 * keeps synchronous_commit on, for tests that kill PostgreSQL itself (-9: a commit it acked must
 * survive, and with fsync off the operating system still holds what was written).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port.js';

function findBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => join(root, v, 'bin')).find((d) => existsSync(join(d, 'initdb')));
}

export const PG_BIN = findBin();
export const hasPostgres = PG_BIN !== undefined;

function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const r = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error('running as root but there is no "postgres" user to run PostgreSQL as');
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

export interface TestPostgres {
  readonly port: number;
  /** The postmaster's process id (its backends are its children). */
  readonly pid: number;
  /** postgres://postgres@127.0.0.1:port/postgres */
  readonly url: string;
  /** Creates a fresh database and returns its URL. */
  database(prefix?: string): Promise<string>;
  stop(): Promise<void>;
  /** Synchronous fast shutdown request, for process 'exit' handlers. */
  kill(): void;
  /** SIGKILL to the postmaster and every backend at once (its process group), as a crash would. */
  kill9(): Promise<void>;
  /** Starts it again on the same data directory and port (crash recovery runs first). */
  restart(): Promise<void>;
}

let dbCounter = 0;

/**
 * `durable`: synchronous_commit stays on. `production`: PostgreSQL's own durable defaults (fsync,
 * full_page_writes and synchronous_commit on), for the storage benchmark.
 */
export async function startPostgres(o: { durable?: boolean; production?: boolean } = {}): Promise<TestPostgres> {
  if (!PG_BIN) throw new Error('PostgreSQL binaries not found');
  const dir = mkdtempSync(join(tmpdir(), 'pigeon-pg-'));
  const user = runAs();
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  const init = spawnSync(
    join(PG_BIN, 'initdb'),
    ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'],
    {
      ...user,
      encoding: 'utf8',
    },
  );
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const port = await freePort();
  const args = ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1'];
  const settings = o.production
    ? ['max_connections=300']
    : ['fsync=off', 'full_page_writes=off', 'max_connections=300'];
  if (!o.durable && !o.production) settings.push('synchronous_commit=off');
  for (const s of settings) args.push('-c', s);
  const bin = PG_BIN;
  // Its own process group, so kill9 reaches the backends too (a lone postmaster killed leaves them).
  const launch = () => spawn(join(bin, 'postgres'), args, { ...user, stdio: 'ignore', detached: true });
  let proc: ChildProcess = launch();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  await waitReady(url, proc);
  const admin = new pg.Pool({ connectionString: url, max: 2 });
  admin.on('error', () => undefined); // the server shutting down under an idle client
  return {
    port,
    get pid() {
      return proc.pid ?? 0;
    },
    url,
    async database(prefix = 'pigeon') {
      const name = `${prefix}_${process.pid}_${++dbCounter}`;
      await admin.query(`CREATE DATABASE ${name}`);
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    kill() {
      if (proc.exitCode === null) proc.kill('SIGINT');
    },
    async kill9() {
      if (proc.exitCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      process.kill(-proc.pid!, 'SIGKILL');
      await exited;
    },
    async restart() {
      proc = launch();
      await waitReady(url, proc);
    },
    async stop() {
      await admin.end();
      if (proc.exitCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGINT'); // fast shutdown
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitReady(url: string, proc: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (proc.exitCode !== null) throw new Error(`postgres exited with ${proc.exitCode}`);
    const c = new pg.Client({ connectionString: url });
    try {
      await c.connect();
      await c.end();
      return;
    } catch {
      await c.end().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('postgres did not become ready');
}

export function warnSkipped(what: string): void {
  console.warn(`\n!!! CLUSTER TESTS SKIPPED (${what}): postgres/redis binaries not found\n`);
}

let shared: Promise<TestPostgres> | undefined;

/**
 * One PostgreSQL per test process, started on first use and stopped when the process exits; for
 * PIGEON_TEST_DB=postgres (test/helpers/env.ts) and the cluster tests.
 */
export function sharedPostgres(): Promise<TestPostgres> {
  if (!shared) {
    shared = startPostgres();
    void shared.then((p) => process.once('exit', () => p.kill()));
  }
  return shared;
}
