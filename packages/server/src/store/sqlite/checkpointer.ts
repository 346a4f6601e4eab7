/**
 * WAL checkpoints off the event loop. By default SQLite checkpoints inside the commit that grows the
 * WAL past 1,000 pages: the committing thread copies the pages into the database file and fsyncs it,
 * which on this server is the event loop (a group commit then took several times its own cost). Once
 * the store has committed messages, a worker thread with its own connection runs a PASSIVE checkpoint
 * every few hundred milliseconds (it never blocks the writer) and the main connection stops
 * checkpointing. Durability is unchanged: a commit is in the WAL before it returns, checkpointed or
 * not. If the worker fails, the main connection checkpoints by itself again.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Database as BetterDatabase } from 'better-sqlite3';

const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000;

// CommonJS, evaluated in the worker: better-sqlite3's path comes from the main thread's resolution.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  Atomics.store(workerData.closed, 0, 1);
  Atomics.notify(workerData.closed, 0);
  parentPort.close();
});
parentPort.postMessage('ready');
`;

export class Checkpointer {
  readonly #raw: BetterDatabase;
  readonly #intervalMs: number;
  #worker: Worker | undefined;
  #exited = false;
  #stopped = false;
  /** Set to 1 by the worker once its connection is closed. */
  readonly #closed = new Int32Array(new SharedArrayBuffer(4));

  constructor(raw: BetterDatabase, intervalMs = 200) {
    this.#raw = raw;
    this.#intervalMs = intervalMs;
  }

  /** Starts the worker the first time; later calls do nothing. */
  start(): void {
    if (this.#worker || this.#stopped || this.#raw.memory) return;
    const module = createRequire(import.meta.url).resolve('better-sqlite3');
    const w = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { module, file: this.#raw.name, intervalMs: this.#intervalMs, closed: this.#closed },
    });
    w.unref();
    w.on('message', () => {
      if (this.#raw.open && !this.#stopped) this.#raw.pragma('wal_autocheckpoint = 0');
    });
    w.on('error', () => this.#fallBack());
    w.on('exit', () => {
      this.#exited = true;
      this.#fallBack();
    });
    this.#worker = w;
  }

  /**
   * Before the main connection closes: waits (at most `timeoutMs`) for the worker to close its
   * connection, so the main one is the last, checkpoints what is left and removes the WAL before
   * close returns (a data directory can be removed or copied right after).
   */
  stop(timeoutMs = 2000): void {
    this.#stopped = true;
    if (!this.#worker || this.#exited) return;
    this.#worker.postMessage('stop');
    Atomics.wait(this.#closed, 0, 0, timeoutMs);
  }

  #fallBack(): void {
    if (this.#raw.open) this.#raw.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`);
  }
}
