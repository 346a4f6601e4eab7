/**
 * Baseline for the storage scenario: raw better-sqlite3 on this disk, durable (WAL, synchronous=FULL,
 * so every commit is fsynced), inserting message rows shaped like Pigeon's (one row per message,
 * per-conversation seq, dedup key) in transactions of 1 (a fsync per message) and of larger batches
 * (group commit). No server, no network: the ceiling for SQLite here.
 * synchronous=NORMAL (Pigeon's default durability: a commit survives a killed process, not a power
 * cut) is measured too.
 * Usage: node sqlite-baseline.mjs DIR SECONDS BATCH,... full|normal; prints one JSON line `{"result": …}`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import Database from 'better-sqlite3';

const [dir, seconds = '3', batches = '1,100,1000', durability = 'full'] = process.argv.slice(2);
mkdirSync(dir, { recursive: true });
const db = new Database(join(dir, `sqlite-baseline-${durability}.db`));
db.pragma('journal_mode = WAL');
db.pragma(`synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`);
db.exec(`CREATE TABLE IF NOT EXISTS messages (
  id INTEGER PRIMARY KEY, app INTEGER NOT NULL, conv TEXT NOT NULL, seq INTEGER NOT NULL,
  sender TEXT NOT NULL, cid TEXT NOT NULL, type TEXT NOT NULL, body TEXT NOT NULL, ts INTEGER NOT NULL,
  UNIQUE (conv, seq), UNIQUE (app, sender, cid))`);
const insert = db.prepare(
  'INSERT INTO messages (app, conv, seq, sender, cid, type, body, ts) VALUES (1, ?, ?, ?, ?, ?, ?, ?)',
);
const seqs = new Map();
let n = 0;
const body = JSON.stringify({ text: 'x'.repeat(64) });
const insertBatch = db.transaction((size) => {
  for (let i = 0; i < size; i++) {
    const k = n++ % 200;
    const conv = `s:u${k}:v${k}`;
    const seq = (seqs.get(conv) ?? 0) + 1;
    seqs.set(conv, seq);
    insert.run(conv, seq, `u${k}`, `c${n}`, 'txt', body, Date.now());
  }
});

function runBatch(size, ms) {
  const commits = [];
  const start = performance.now();
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
  };
}

const sizes = batches.split(',').map(Number);
const perRun = (Number(seconds) * 1000) / sizes.length;
const runs = sizes.map((size) => runBatch(size, perRun));
db.close();
console.log(JSON.stringify({ result: { durability, runs, totalRows: n } }));
