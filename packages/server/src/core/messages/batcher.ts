/**
 * Group commit with natural batching: a send that finds the store idle is committed at once (in the
 * same turn of the event loop, after the code that queued it: no timer), so at moderate rates a lone
 * message never waits for company. What arrives while a commit is running, or later in a turn that
 * has already committed (the loop is busy), shares the next commit, up to `maxSize`: batches grow
 * with the load by themselves. Commits run one at a time, in arrival order; each caller's promise
 * settles when its batch has committed (the ack follows the durable commit).
 */
export interface BatcherOptions<I, O> {
  /**
   * A cap, not a wait: while the loop is busy, a batch collects what arrives until the end of the
   * turn, but for no longer than this once its first item is queued (0: until the end of the turn).
   */
  windowMs: number;
  maxSize: number;
  /** Commits a batch; returns one result per item, in order (an Error rejects that item only). */
  commit(items: I[]): Promise<Array<O | Error>>;
  /** Milliseconds clock for the cap (tests give their own). */
  now?(): number;
}

export interface BatcherStats {
  batches: number;
  items: number;
  largestBatch: number;
}

interface Pending<I, O> {
  item: I;
  resolve(o: O): void;
  reject(e: unknown): void;
}

export class Batcher<I, O> {
  readonly #o: BatcherOptions<I, O>;
  readonly #now: () => number;
  #queue: Array<Pending<I, O>> = [];
  /** When the queue's first item arrived (for the cap). */
  #firstAt = 0;
  /** A start is queued as a microtask (the store was idle). */
  #soon = false;
  /**
   * A commit started in this turn of the event loop: the loop is busy, and a setImmediate is
   * pending that commits what the rest of the turn queues. It was queued before that commit's own
   * pushes and socket flush, so everything the turn commits leaves in the same flush.
   */
  #busy = false;
  #running: Promise<void> | undefined;
  readonly stats: BatcherStats = { batches: 0, items: 0, largestBatch: 0 };

  constructor(options: BatcherOptions<I, O>) {
    this.#o = options;
    this.#now = options.now ?? Date.now;
  }

  add(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      if (this.#queue.push({ item, resolve, reject }) === 1) this.#firstAt = this.#o.windowMs > 0 ? this.#now() : 0;
      this.#schedule();
    });
  }

  /** Resolves once everything queued so far has committed. */
  async flush(): Promise<void> {
    while (this.#running || this.#queue.length) {
      if (!this.#running) this.#start();
      await this.#running;
    }
  }

  #schedule(): void {
    if (this.#running) return; // picked up when the running commit finishes
    if (this.#queue.length >= this.#o.maxSize) return this.#start();
    if (this.#busy) {
      // The end of the turn commits it, unless the batch has collected for the whole window.
      if (this.#o.windowMs > 0 && this.#now() - this.#firstAt >= this.#o.windowMs) this.#start();
      return;
    }
    // Idle: commit at once, once the code that is queuing (a burst of frames from one read) is done.
    if (this.#soon) return;
    this.#soon = true;
    queueMicrotask(() => {
      if (this.#soon && !this.#running && this.#queue.length) this.#start();
    });
  }

  #endOfTurn(): void {
    this.#busy = false;
    if (!this.#running && this.#queue.length) this.#start();
  }

  #start(): void {
    this.#soon = false;
    if (!this.#busy) {
      this.#busy = true;
      setImmediate(() => this.#endOfTurn());
    }
    this.#running = this.#run().finally(() => {
      this.#running = undefined;
      // Whatever arrived during the commit has waited long enough: commit it right away.
      if (this.#queue.length) this.#start();
    });
  }

  async #run(): Promise<void> {
    const batch = this.#queue.splice(0, this.#o.maxSize);
    if (this.#queue.length) this.#firstAt = this.#o.windowMs > 0 ? this.#now() : 0;
    this.stats.batches += 1;
    this.stats.items += batch.length;
    this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
    let results: Array<O | Error>;
    try {
      results = await this.#o.commit(batch.map((p) => p.item));
    } catch (e) {
      results = batch.map(() => (e instanceof Error ? e : new Error(String(e))));
    }
    batch.forEach((p, i) => {
      const r = results[i];
      if (r instanceof Error) p.reject(r);
      else p.resolve(r as O);
    });
  }
}
