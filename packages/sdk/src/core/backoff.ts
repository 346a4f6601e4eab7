/**
 * Reconnect delays: exponential backoff with "full jitter" (a uniform delay between 0 and the
 * exponential ceiling), capped, so a server restart is not met by every client at the same instant.
 */
export interface BackoffOptions {
  /** Ceiling of the first attempt's delay. */
  baseMs: number;
  /** Highest ceiling any attempt may reach. */
  capMs: number;
}

/** Ceiling for the attempt with 0-based index `attempt`. */
export const backoffCeiling = (attempt: number, o: BackoffOptions): number =>
  Math.min(o.capMs, o.baseMs * 2 ** Math.min(attempt, 30));

export const backoffDelay = (attempt: number, o: BackoffOptions, random: () => number = Math.random): number =>
  Math.floor(random() * backoffCeiling(attempt, o));
