/**
 * Fixed-window counters for abuse limits. In one process they live in memory; in a cluster they are
 * shared through Redis, so a limit per user or per app holds whichever node the requests reach.
 */
export interface WindowCount {
  /** Hits in the current window, this one included. */
  count: number;
  /** Milliseconds until the window ends and the count starts again. */
  resetMs: number;
}

export interface RateCounter {
  /** Counts one hit on `key` in its window of `windowMs` (the window starts with the first hit). */
  hit(key: string, windowMs: number): Promise<WindowCount>;
  /** The current window's count without adding to it. */
  peek(key: string): Promise<WindowCount>;
  /** Forgets `key` (e.g. a successful login clears its failures). */
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}
