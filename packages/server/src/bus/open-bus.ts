/** The in-process bus for one node, or the Redis bus (cluster mode) when a redis:// URL is set. */
import type { Bus } from '../core/ports/bus.js';
import { MemoryBus } from './memory.js';

export async function openBus(url: string | undefined, onError: (e: Error) => void): Promise<Bus> {
  if (!url) return new MemoryBus();
  const { RedisBus } = await import('./redis.js');
  const bus = new RedisBus({ url, onError });
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`Cannot reach Redis at ${url}`)), 10_000).unref(),
  );
  try {
    await Promise.race([bus.ready(), timeout]);
  } catch (e) {
    await bus.close();
    throw e;
  }
  return bus;
}
