/**
 * A real PostgreSQL for the storage scenario: PIGEON_BENCH_PG_URL reuses a running one (its CPU is
 * then not measured); otherwise one is started on loopback in a temp dir by the tests' helper, with
 * PostgreSQL's durable defaults (fsync, full_page_writes and synchronous_commit on), and stopped after.
 */
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { hasPostgres, startPostgres } from '../../test/helpers/pg.js';
import { ticksPerSecond } from './proc-stats.js';

export interface BenchPostgres {
  /** A fresh, empty database. */
  database(prefix: string): Promise<string>;
  /** CPU seconds of the postmaster and its backends so far; undefined when it is not ours. */
  cpuSeconds(): number | undefined;
  /** How it was set up, for the notes. */
  note: string;
  stop(): Promise<void>;
}

export async function benchPostgres(): Promise<BenchPostgres> {
  const reuse = process.env.PIGEON_BENCH_PG_URL;
  if (reuse) return reused(reuse);
  if (!hasPostgres)
    throw new Error(
      'PostgreSQL IS NOT INSTALLED (no /usr/lib/postgresql/<version>/bin/initdb): storage --driver postgres cannot ' +
        'run. Install it (apt-get install postgresql) or point PIGEON_BENCH_PG_URL at a running server.',
    );
  const server = await startPostgres({ production: true });
  return {
    database: (prefix) => server.database(prefix),
    cpuSeconds: () => treeCpuSeconds(server.pid),
    note: `PostgreSQL started for this run on 127.0.0.1:${server.port} (fsync, full_page_writes, synchronous_commit on)`,
    stop: () => server.stop(),
  };
}

function reused(url: string): BenchPostgres {
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  let n = 0;
  return {
    async database(prefix) {
      const name = `${prefix}_${process.pid}_${Date.now()}_${++n}`;
      await admin.query(`CREATE DATABASE ${name}`);
      const u = new URL(url);
      u.pathname = `/${name}`;
      return u.toString();
    },
    cpuSeconds: () => undefined,
    note: `PostgreSQL reused from PIGEON_BENCH_PG_URL (its settings as they are; its CPU not measured)`,
    stop: () => admin.end(),
  };
}

/** utime + stime of the postmaster, of its live children, and of its reaped children (cutime + cstime). */
function treeCpuSeconds(root: number): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fields: string[];
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    } catch {
      continue; // gone meanwhile
    }
    const pid = Number(entry);
    const ppid = Number(fields[1]);
    if (pid === root) ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    else if (ppid === root) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / ticksPerSecond();
}
