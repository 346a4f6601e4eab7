/**
 * Heartbeats as the SDK sends them: a `ping` from every client every `everyMs`, spread evenly so they
 * do not all fire at once. Pigeon closes a connection silent for idleTimeoutMs (90 s), so every pool
 * that only listens needs this, not just the idle scenario.
 */
import { clearInterval, setInterval } from 'node:timers';
import type { BenchClient } from './client.js';
import { waitFor } from './concurrency.js';

export interface HeartbeatStats {
  sent: number;
  failed: number;
  pending: number;
}

export interface Heartbeat {
  readonly stats: HeartbeatStats;
  /** Starts pinging one more client (call it as each connects: a pool can take longer than 90 s). */
  add(client: BenchClient): void;
  /** Stops pinging and waits (bounded) for the pings in flight. */
  stop(): Promise<void>;
}

export function heartbeat(initial: BenchClient[], everyMs: number): Heartbeat {
  const clients = [...initial];
  const stats: HeartbeatStats = { sent: 0, failed: 0, pending: 0 };
  const tickMs = 100;
  let i = 0;
  const timer = setInterval(() => {
    const perTick = Math.max(1, Math.ceil((clients.length * tickMs) / everyMs));
    for (let k = 0; k < perTick && clients.length; k++, i = (i + 1) % clients.length) {
      stats.sent++;
      stats.pending++;
      clients[i]
        .request('ping')
        .catch(() => void stats.failed++)
        .finally(() => void stats.pending--);
    }
  }, tickMs);
  return {
    stats,
    add: (client) => void clients.push(client),
    async stop() {
      clearInterval(timer);
      await waitFor(() => stats.pending === 0, 10_000);
    },
  };
}
