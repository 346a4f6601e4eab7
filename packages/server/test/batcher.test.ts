import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Batcher } from '../src/core/messages/batcher.js';

describe('Batcher (group commit)', () => {
  it('items added together share one commit; results come back in order', async () => {
    const commits: number[][] = [];
    const b = new Batcher<number, number>({
      windowMs: 5,
      maxSize: 100,
      commit: async (items) => (commits.push(items), items.map((i) => i * 2)),
    });
    const out = await Promise.all([1, 2, 3, 4].map((i) => b.add(i)));
    expect(out).toEqual([2, 4, 6, 8]);
    expect(commits).toEqual([[1, 2, 3, 4]]);
    expect(b.stats).toEqual({ batches: 1, items: 4, largestBatch: 4 });
  });

  it('window 0: what arrives in one turn of the event loop is one commit, the next turn another, no timer', async () => {
    const commits: number[][] = [];
    const b = new Batcher<number, number>({
      windowMs: 0,
      maxSize: 100,
      commit: async (items) => (commits.push(items), items),
    });
    const first = [1, 2, 3].map((i) => b.add(i));
    await Promise.resolve(); // microtasks of the same turn still join it
    first.push(b.add(4));
    expect(await Promise.all(first)).toEqual([1, 2, 3, 4]);
    await new Promise((r) => setImmediate(r));
    expect(await Promise.all([5, 6].map((i) => b.add(i)))).toEqual([5, 6]);
    expect(commits).toEqual([
      [1, 2, 3, 4],
      [5, 6],
    ]);
  });

  it('never exceeds maxSize, runs one commit at a time, and keeps arrival order across batches', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 16 }), async (n, maxSize) => {
        const seen: number[] = [];
        let running = 0;
        const b = new Batcher<number, number>({
          windowMs: 0,
          maxSize,
          commit: async (items) => {
            expect(++running).toBe(1);
            expect(items.length).toBeLessThanOrEqual(maxSize);
            await new Promise((r) => setTimeout(r, 0));
            seen.push(...items);
            running--;
            return items;
          },
        });
        const out = await Promise.all(Array.from({ length: n }, (_, i) => b.add(i)));
        expect(out).toEqual(Array.from({ length: n }, (_, i) => i));
        expect(seen).toEqual(out);
        expect(b.stats.batches).toBeGreaterThanOrEqual(Math.ceil(n / maxSize));
      }),
      { numRuns: 30 },
    );
  });

  it('an Error result rejects that item only; a thrown commit rejects the whole batch', async () => {
    const b = new Batcher<number, number>({
      windowMs: 1,
      maxSize: 10,
      commit: async (items) => items.map((i) => (i === 2 ? new Error('bad 2') : i)),
    });
    const r = await Promise.allSettled([1, 2, 3].map((i) => b.add(i)));
    expect(r.map((x) => x.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const t = new Batcher<number, number>({
      windowMs: 1,
      maxSize: 10,
      commit: async () => Promise.reject(new Error('disk')),
    });
    await expect(t.add(1)).rejects.toThrow('disk');
  });

  it('flush waits for everything queued, including what arrives during a commit', async () => {
    const done: number[] = [];
    const b = new Batcher<number, number>({
      windowMs: 50,
      maxSize: 100,
      commit: async (items) => (done.push(...items), items),
    });
    const p = [b.add(1), b.add(2)];
    await b.flush();
    expect(done).toEqual([1, 2]);
    await Promise.all(p);
  });
});
