import { describe, expect, it } from 'vitest';
import { backoffCeiling, backoffDelay } from '../src/core/backoff.js';

const o = { baseMs: 1000, capMs: 30_000 };

describe('backoff with full jitter', () => {
  it('doubles the ceiling per attempt up to the cap', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => backoffCeiling(n, o))).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000,
    ]);
    expect(backoffCeiling(500, o)).toBe(30_000); // no overflow to Infinity/NaN
  });

  it('draws uniformly between 0 and the ceiling', () => {
    expect(backoffDelay(3, o, () => 0)).toBe(0);
    expect(backoffDelay(3, o, () => 0.5)).toBe(4000);
    expect(backoffDelay(3, o, () => 0.999999)).toBe(7999);
    for (let n = 0; n < 50; n++) {
      const d = backoffDelay(n, o);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(30_000);
    }
  });

  it('spreads clients: 1000 draws for the same attempt are not bunched', () => {
    const draws = Array.from({ length: 1000 }, () => backoffDelay(4, o));
    const buckets = new Set(draws.map((d) => Math.floor(d / 1600)));
    expect(buckets.size).toBe(10);
  });
});
