/**
 * Pushes run after the acks: a FIFO drained on the next macrotask, so replies to senders leave
 * first, and pushes keep commit order (and so seq order) for every recipient.
 */
export class FanOut {
  #queue: Array<() => void> = [];
  #scheduled = false;
  readonly #onError: (e: unknown) => void;

  constructor(onError: (e: unknown) => void) {
    this.#onError = onError;
  }

  enqueue(task: () => void): void {
    this.#queue.push(task);
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => this.drain());
  }

  /** Runs every queued push now (also used on shutdown, before sockets close). */
  drain(): void {
    this.#scheduled = false;
    const tasks = this.#queue;
    this.#queue = [];
    for (const task of tasks) {
      try {
        task();
      } catch (e) {
        this.#onError(e);
      }
    }
  }
}
