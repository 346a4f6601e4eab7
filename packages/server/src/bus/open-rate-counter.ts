/** Abuse-limit counters: in memory for one node, in Redis (shared) when the cluster has one. */
import type { RateCounter } from '../core/ports/rate-counter.js';
import { MemoryRateCounter } from './memory-rate-counter.js';

export async function openRateCounter(url: string | undefined, onError: (e: Error) => void): Promise<RateCounter> {
  if (!url) return new MemoryRateCounter();
  const { RedisRateCounter } = await import('./redis-rate-counter.js');
  return new RedisRateCounter(url, onError);
}
