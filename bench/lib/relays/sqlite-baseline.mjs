/**
 * Baseline for the storage scenario: raw better-sqlite3 on this disk, inserting rows into Pigeon's
 * own messages table (its columns, primary key (app_id, conv, seq), unique (app_id, id) and the dedup
 * unique index) in transactions of 1 (a commit per message) and of larger batches (group commit),
 * WAL, synchronous FULL (fsync per commit) or NORMAL (Pigeon's default). Schema `old`: the dedup
 * index as before migration 0011, (app_id, sender, cid); `new`: (app_id, cid, sender), the same
 * uniqueness, but client ids begin with the time, so new keys land at the end of the index instead of
 * at every sender's own place. No server, no network: the ceiling for these rows in SQLite here.
 * Usage: node sqlite-baseline.mjs DIR SECONDS BATCH,... full|normal old|new; prints one JSON line `{"result": …}`.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import Database from 'better-sqlite3';

const [dir, seconds = '3', batches = '1,100,1000', durability = 'full', schema = 'new'] = process.argv.slice(2);
mkdirSync(dir, { recursive: true });
const db = new Database(join(dir, `sqlite-baseline-${durability}-${schema}.db`));
db.pragma('journal_mode = WAL');
db.pragma(`synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`);
db.exec(`create table if not exists messages (
  app_id text not null, conv text not null, seq bigint not null, id text not null, cid text not null,
  sender text not null, recipient text not null, chat text not null, type text not null, body text not null,
  ext text, ts bigint not null, recalled integer default 0 not null, group_ack integer default 0 not null,
  constraint messages_pk primary key (app_id, conv, seq))`);
db.exec(`create unique index if not exists messages_id on messages (app_id, id)`);
db.exec(
  schema === 'old'
    ? `create unique index if not exists messages_dedup on messages (app_id, sender, cid)`
    : `create unique index if not exists messages_dedup_cid on messages (app_id, cid, sender)`,
);
const insert = db.prepare(
  'insert into messages (app_id, conv, seq, id, cid, sender, recipient, chat, type, body, ext, ts, recalled, ' +
    "group_ack) values ('bench', ?, ?, ?, ?, ?, ?, 'single', 'txt', ?, null, ?, 0, 0)",
);
// Ids and client ids shaped like Pigeon's: a 19-digit snowflake, and the SDK's time-first cid.
const snowflake = 300_000_000_000_000_000n;
const cid = (n) =>
  Date.now().toString(36) + (n % 1_679_616).toString(36).padStart(4, '0') + Math.random().toString(36).slice(2, 10);
/** Bytes this process has written so far (WAL, checkpoints): what a commit costs the disk. */
const written = () => Number(/wchar: (\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))?.[1] ?? NaN);
const seqs = new Map();
let n = 0;
const body = JSON.stringify({ text: 'x'.repeat(64) });
const insertBatch = db.transaction((size) => {
  for (let i = 0; i < size; i++) {
    const k = n++ % 200;
    const conv = `s:u${k}:v${k}`;
    const seq = (seqs.get(conv) ?? 0) + 1;
    seqs.set(conv, seq);
    insert.run(conv, seq, String(snowflake + BigInt(n)), cid(n), `u${k}`, `v${k}`, body, Date.now());
  }
});

function runBatch(size, ms) {
  const commits = [];
  const start = performance.now();
  const w0 = written();
  let rows = 0;
  while (performance.now() - start < ms) {
    const t = performance.now();
    insertBatch(size);
    commits.push(performance.now() - t);
    rows += size;
  }
  const elapsed = (performance.now() - start) / 1000;
  commits.sort((a, b) => a - b);
  const pct = (p) => Number(commits[Math.min(commits.length - 1, Math.ceil(p * commits.length) - 1)].toFixed(3));
  return {
    batch: size,
    durability,
    rows,
    msgPerSec: Math.round(rows / elapsed),
    commitsPerSec: Math.round(commits.length / elapsed),
    commitMs: { p50: pct(0.5), p99: pct(0.99) },
    kibWrittenPerRow: Number(((written() - w0) / 1024 / rows).toFixed(2)),
  };
}

const sizes = batches.split(',').map(Number);
const perRun = (Number(seconds) * 1000) / sizes.length;
const runs = sizes.map((size) => runBatch(size, perRun));
db.close();
console.log(JSON.stringify({ result: { durability, schema, runs, totalRows: n } }));
