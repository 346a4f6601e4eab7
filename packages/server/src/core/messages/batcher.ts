/**
 * Group commit: items arriving within `windowMs` of the first one (or while the previous batch is
 * committing) share one commit call, so one transaction and one fsync serve many sends. Commits
 * run one at a time, in arrival order; each caller's promise settles when its batch has committed.
 */
export interface BatcherOptions<I, O> {
  /**
   * How long the first item of a batch waits for others. 0: no timer, the batch is what arrived in
   * the current turn of the event loop (every frame read from the sockets in one poll), committed
   * right after it; the lowest latency, and under load the batches still fill up.
   */
  windowMs: number;
  maxSize: number;
  /** Commits a batch; returns one result per item, in order (an Error rejects that item only). */
  commit(items: I[]): Promise<Array<O | Error>>;
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
  #queue: Array<Pending<I, O>> = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #immediate: ReturnType<typeof setImmediate> | undefined;
  #running: Promise<void> | undefined;
  readonly stats: BatcherStats = { batches: 0, items: 0, largestBatch: 0 };

  constructor(options: BatcherOptions<I, O>) {
    this.#o = options;
  }

  add(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
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
    if (this.#queue.length >= this.#o.maxSize) this.#start();
    else if (this.#o.windowMs > 0) this.#timer ??= setTimeout(() => this.#start(), this.#o.windowMs);
    else this.#immediate ??= setImmediate(() => this.#start());
  }

  #start(): void {
    clearTimeout(this.#timer);
    clearImmediate(this.#immediate);
    this.#timer = undefined;
    this.#immediate = undefined;
    this.#running = this.#run().finally(() => {
      this.#running = undefined;
      // Whatever arrived during the commit has waited long enough: commit it right away.
      if (this.#queue.length) this.#start();
    });
  }

  async #run(): Promise<void> {
    const batch = this.#queue.splice(0, this.#o.maxSize);
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
