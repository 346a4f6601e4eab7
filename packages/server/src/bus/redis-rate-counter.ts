/**
 * Fixed-window counters in Redis, shared by every node of a cluster: INCR, and PEXPIRE on the first
 * hit. While Redis cannot be reached, what needs a counter (password logins, limited sends, uploads)
 * is refused as UNAVAILABLE: retryable, and no limit is skipped.
 */
import { PigeonError } from '@pigeon/protocol';
import { Redis } from 'ioredis';
import type { RateCounter, WindowCount } from '../core/ports/rate-counter.js';

const HIT = `local c = redis.call('INCR', KEYS[1])
if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {c, ttl}`;

export class RedisRateCounter implements RateCounter {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(url: string, onError: (e: Error) => void, prefix = 'pigeon:rl:') {
    this.#redis = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: false });
    this.#redis.on('error', onError);
    this.#prefix = prefix;
  }

  async hit(key: string, windowMs: number): Promise<WindowCount> {
    const [count, ttl] = (await this.#redis.eval(HIT, 1, this.#prefix + key, String(windowMs)).catch(unavailable)) as [
      number,
      number,
    ];
    return { count, resetMs: ttl };
  }

  async peek(key: string): Promise<WindowCount> {
    const k = this.#prefix + key;
    const [count, ttl] = await Promise.all([this.#redis.get(k), this.#redis.pttl(k)]).catch(unavailable);
    return count ? { count: Number(count), resetMs: Math.max(0, ttl) } : { count: 0, resetMs: 0 };
  }

  async reset(key: string): Promise<void> {
    await this.#redis.del(this.#prefix + key).catch(unavailable);
  }

  async close(): Promise<void> {
    this.#redis.disconnect();
  }
}

function unavailable(e: unknown): never {
  throw new PigeonError('UNAVAILABLE', 'The rate-limit counters (Redis) cannot be reached; retry.', { cause: e });
}
