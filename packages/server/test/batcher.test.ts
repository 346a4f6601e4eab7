import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { Batcher } from '../src/core/messages/batcher.js';

/** Lets `n` rounds of microtasks run, without leaving the current turn of the event loop. */
const ticks = async (n: number) => {
  for (let i = 0; i < n; i++) await Promise.resolve();
};

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

  it('a lone item commits at once, in the same turn: no timer and no setImmediate (both frozen here)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'setImmediate'] });
    try {
      const commits: number[][] = [];
      const b = new Batcher<number, number>({
        windowMs: 50,
        maxSize: 100,
        commit: async (items) => (commits.push(items), items),
      });
      expect(await b.add(1)).toBe(1);
      expect(commits).toEqual([[1]]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('what arrives while a commit runs shares the next commit', async () => {
    const commits: number[][] = [];
    let release!: () => void;
    const b = new Batcher<number, number>({
      windowMs: 0,
      maxSize: 100,
      commit: async (items) => {
        commits.push(items);
        if (commits.length === 1) await new Promise<void>((r) => (release = r));
        return items;
      },
    });
    const first = b.add(1);
    await Promise.resolve(); // the commit of [1] has started
    const later = [2, 3, 4].map((i) => b.add(i));
    expect(commits).toEqual([[1]]);
    release();
    expect(await Promise.all([first, ...later])).toEqual([1, 2, 3, 4]);
    expect(commits).toEqual([[1], [2, 3, 4]]);
  });

  it('busy loop: after a commit in this turn, later arrivals of the turn wait for its end and commit together', async () => {
    const commits: number[][] = [];
    const b = new Batcher<number, number>({
      windowMs: 0,
      maxSize: 100,
      commit: async (items) => (commits.push(items), items),
    });
    await b.add(1); // idle: committed at once
    await ticks(10); // the commit of [1] is over; still the same turn
    const p2 = b.add(2);
    await ticks(10); // an idle store would have committed [2] alone by now
    const p3 = b.add(3);
    expect(await Promise.all([p2, p3])).toEqual([2, 3]);
    expect(commits).toEqual([[1], [2, 3]]);
    // Two quiet turns later the loop is idle again: a lone item commits at once.
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    const p4 = b.add(4);
    await ticks(10);
    expect(commits).toEqual([[1], [2, 3], [4]]);
    await p4;
  });

  it('busy loop: the end-of-turn batch commits before what the first commit scheduled (its pushes, the socket flush)', async () => {
    const events: string[] = [];
    const b = new Batcher<number, number>({
      windowMs: 0,
      maxSize: 100,
      commit: async (items) => {
        events.push(`commit ${items.join()}`);
        setImmediate(() => events.push(`flush ${items.join()}`)); // as the fan-out and write coalescer do
        return items;
      },
    });
    await b.add(1);
    await ticks(10);
    await Promise.all([b.add(2), b.add(3)]);
    await new Promise((r) => setImmediate(r));
    expect(events).toEqual(['commit 1', 'commit 2,3', 'flush 1', 'flush 2,3']);
  });

  it('busy loop: the window caps how long a batch collects', async () => {
    let now = 0;
    const commits: number[][] = [];
    const b = new Batcher<number, number>({
      windowMs: 2,
      maxSize: 100,
      now: () => now,
      commit: async (items) => (commits.push(items), items),
    });
    await b.add(1);
    await ticks(10);
    const waiting = [b.add(2), b.add(3)];
    now = 2; // the next arrival finds the batch's first item 2 ms old: no more waiting for the turn to end
    waiting.push(b.add(4));
    await Promise.resolve();
    expect(commits).toEqual([[1], [2, 3, 4]]);
    await Promise.all(waiting);
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
