/**
 * Storage alone: Pigeon's own SQLite store and group-commit batcher (from the built server), driven
 * in this process with no network: C concurrent senders, each keeping W messages waiting for their
 * commit, as the gateway would. Each "ack" is a commit having returned (DESIGN.md rule 4).
 * Afterwards it reads the conversations back: every acked message stored once, seqs 1..n.
 * Usage: node pigeon-store.mjs DIR SECONDS normal|full SENDERS WINDOW BATCH_WINDOW_MS BATCH_MAX [sqlite|postgres URL]
 * Prints one JSON line `{"result": …}`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { setImmediate } from 'node:timers/promises';

// The built server when there is one; else its sources (the parent then starts this with tsx).
// PIGEON_BENCH_SERVER=<path to another build's cli.js> stores with that build (before/after runs).
const other = process.env.PIGEON_BENCH_SERVER?.endsWith('.js') ? pathToFileURL(process.env.PIGEON_BENCH_SERVER) : null;
const built = other ? new URL('./', other) : new URL('../../../packages/server/dist/', import.meta.url);
const root = existsSync(built) ? built : new URL('../../../packages/server/src/', import.meta.url);
const { Batcher } = await import(new URL('core/messages/batcher.js', root).href);
const { openStore } = await import(new URL('store/open-store.js', root).href);

const [dir, seconds, durability, senders, window, windowMs, maxSize, driver = 'sqlite', url] = process.argv.slice(2);
const store = await openStore({ driver, url, poolSize: 10, dataDir: dir, durability });
const batcher = new Batcher({
  windowMs: Number(windowMs),
  maxSize: Number(maxSize),
  commit: (items) => store.repos.messages.commit(items, Date.now()),
});
const latencies = [];
const text = 'x'.repeat(64);
let n = 0;
const SNOWFLAKE = 300_000_000_000_000_000n;
// Client ids as Pigeon's SDK makes them (packages/sdk/src/core/ids.ts): the time first, then a counter and noise.
const clientId = (k) =>
  Date.now().toString(36) + (k % 1_679_616).toString(36).padStart(4, '0') + Math.random().toString(36).slice(2, 10);
let duplicates = 0;
let stop = false;

async function sender(i) {
  const from = `s${i}`;
  const to = `r${i}`;
  const conv = from < to ? `s:${from}:${to}` : `s:${to}:${from}`;
  const one = async () => {
    const id = String(SNOWFLAKE + BigInt(++n)); // 19 digits, rising, like the server's ids
    const t = performance.now();
    const o = await batcher.add({
      appId: 'bench',
      id,
      cid: clientId(n),
      conv,
      chat: 'single',
      from,
      to,
      type: 'txt',
      body: { text },
      members: [from, to],
    });
    latencies.push(performance.now() - t);
    if (o.duplicate) duplicates++;
  };
  // Yield to the event loop between sends, as sends arriving from sockets would: the store's calls
  // are synchronous under promise wrappers, so a tight loop would never let the stop timer run.
  const lane = async () => {
    while (!stop) {
      await one();
      await setImmediate();
    }
  };
  await Promise.all(Array.from({ length: Number(window) }, lane));
}

/** Bytes this process has written so far (WAL, checkpoints): what the commits cost the disk. */
const written = () => Number(/wchar: (\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))?.[1] ?? NaN);
const w0 = written();
const t0 = performance.now();
setTimeout(() => (stop = true), Number(seconds) * 1000);
await Promise.all(Array.from({ length: Number(senders) }, (_, i) => sender(i)));
const elapsed = (performance.now() - t0) / 1000;
const kibWritten = (written() - w0) / 1024;
const stored = await readBack();
await store.close();
latencies.sort((a, b) => a - b);
const pct = (p) =>
  Number((latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)] ?? 0).toFixed(3));
console.log(
  JSON.stringify({
    result: {
      durability,
      messages: latencies.length,
      msgPerSec: Math.round(latencies.length / elapsed),
      batches: batcher.stats.batches,
      meanBatch: Math.round(batcher.stats.items / Math.max(1, batcher.stats.batches)),
      largestBatch: batcher.stats.largestBatch,
      commitMs: { p50: pct(0.5), p99: pct(0.99), max: pct(1) },
      duplicates,
      stored,
      kibWrittenPerMsg: Number((kibWritten / Math.max(1, latencies.length)).toFixed(2)),
    },
  }),
);

/** Per conversation: rows, lowest and highest seq, distinct seqs; summed up and checked. */
async function readBack() {
  const rows = await store.db
    .selectFrom('messages')
    .select((eb) => [
      'conv',
      eb.fn.countAll().as('n'),
      eb.fn.min('seq').as('lo'),
      eb.fn.max('seq').as('hi'),
      eb.fn.count('seq').distinct().as('d'),
    ])
    .where('app_id', '=', 'bench')
    .groupBy('conv')
    .execute();
  const dense = rows.filter((r) => Number(r.lo) === 1 && Number(r.hi) === Number(r.n) && Number(r.d) === Number(r.n));
  return {
    rows: rows.reduce((a, r) => a + Number(r.n), 0),
    conversations: rows.length,
    denseConversations: dense.length,
  };
}
