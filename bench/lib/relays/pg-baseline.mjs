/**
 * Baseline for the storage scenario on PostgreSQL: raw `pg` inserting message rows shaped like
 * Pigeon's (same columns, primary key (app, conv, seq), unique (app, sender, cid) and (app, id)) in
 * batches of 1 and of the batch size, each batch one named INSERT ... SELECT FROM unnest(arrays) in
 * its own implicit transaction (one round trip, one WAL flush with synchronous_commit on). No
 * conversation rows, no dedup lookup: the ceiling for these rows through this driver here.
 * Usage: node pg-baseline.mjs URL SECONDS BATCH,...; prints one JSON line `{"result": …}`.
 */
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import pg from 'pg';

const [url, seconds = '3', batches = '1,256'] = process.argv.slice(2);
const client = new pg.Client({ connectionString: url });
await client.connect();
await client.query(`create table if not exists bench_messages (
  app_id text not null, conv text not null, seq bigint not null, id text not null, cid text not null,
  sender text not null, recipient text not null, chat text not null, type text not null, body text not null,
  ext text, ts bigint not null, recalled integer not null default 0, group_ack integer not null default 0,
  primary key (app_id, conv, seq), unique (app_id, sender, cid), unique (app_id, id))`);
const insert = {
  name: 'bench_insert',
  text: `insert into bench_messages (app_id, conv, seq, id, cid, sender, recipient, chat, type, body, ext, ts)
    select 'bench', conv, seq, id, cid, sender, recipient, 'single', 'txt', body, null, ts
    from unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[])
      as t(conv, seq, id, cid, sender, recipient, body, ts)`,
};
const seqs = new Map();
const body = JSON.stringify({ text: 'x'.repeat(64) });
let n = 0;

async function insertBatch(size) {
  const cols = [[], [], [], [], [], [], [], []];
  for (let i = 0; i < size; i++) {
    const k = n++ % 200;
    const conv = `s:u${k}:v${k}`;
    const seq = (seqs.get(conv) ?? 0) + 1;
    seqs.set(conv, seq);
    const row = [conv, seq, String(n), `c${n}`, `u${k}`, `v${k}`, body, Date.now()];
    row.forEach((v, c) => cols[c].push(v));
  }
  await client.query({ ...insert, values: cols });
}

async function runBatch(size, ms) {
  const commits = [];
  const start = performance.now();
  let rows = 0;
  while (performance.now() - start < ms) {
    const t = performance.now();
    await insertBatch(size);
    commits.push(performance.now() - t);
    rows += size;
  }
  const elapsed = (performance.now() - start) / 1000;
  commits.sort((a, b) => a - b);
  const pct = (p) => Number(commits[Math.min(commits.length - 1, Math.ceil(p * commits.length) - 1)].toFixed(3));
  return {
    batch: size,
    rows,
    msgPerSec: Math.round(rows / elapsed),
    commitsPerSec: Math.round(commits.length / elapsed),
    commitMs: { p50: pct(0.5), p99: pct(0.99) },
  };
}

const sizes = batches.split(',').map(Number);
const perRun = (Number(seconds) * 1000) / sizes.length;
const runs = [];
for (const size of sizes) runs.push(await runBatch(size, perRun));
const { rows } = await client.query('select count(*)::int as n from bench_messages');
await client.end();
console.log(JSON.stringify({ result: { runs, totalRows: n, storedRows: rows[0].n } }));
