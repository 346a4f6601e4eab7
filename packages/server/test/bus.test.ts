/**
 * The Bus port, one suite for every implementation: in-process, and Redis (two "nodes" sharing one
 * redis-server) when redis-server is installed (always in CI; skipped loudly otherwise).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryBus } from '../src/bus/memory.js';
import { RedisBus } from '../src/bus/redis.js';
import type { Bus, BusMessage } from '../src/core/ports/bus.js';
import { hasRedis, startRedis, type TestRedis } from '../../../test/helpers/redis.js';
import { warnSkipped } from '../../../test/helpers/pg.js';
import { waitFor } from '../../../test/helpers/wait.js';

if (!hasRedis) warnSkipped('bus on Redis');

let redis: Promise<TestRedis> | undefined;
const buses: Bus[] = [];
afterAll(async () => {
  for (const b of buses) await b.close();
  await (await redis)?.stop();
});

/** Two nodes' buses: the same object in-process, two connections to one Redis otherwise. */
const IMPLEMENTATIONS = [
  {
    name: 'memory',
    pair: async (): Promise<[Bus, Bus]> => {
      const b = new MemoryBus();
      buses.push(b);
      return [b, b];
    },
  },
  ...(hasRedis
    ? [
        {
          name: 'redis',
          pair: async (): Promise<[Bus, Bus]> => {
            redis ??= startRedis();
            const { url } = await redis;
            const prefix = `t${Math.random().toString(36).slice(2)}:`;
            const [a, b] = [new RedisBus({ url, prefix }), new RedisBus({ url, prefix })];
            buses.push(a, b);
            await Promise.all([a.ready(), b.ready()]);
            return [a, b];
          },
        },
      ]
    : []),
];

const ev = (n: number): BusMessage => ({ t: 'event', ev: 'msg', d: { n } });

describe.each(IMPLEMENTATIONS)('bus: $name', ({ pair }) => {
  it('delivers to subscribers on every node in publish order, and a node hears its own at once', async () => {
    const [a, b] = await pair();
    const gotA: unknown[] = [];
    const gotB: unknown[] = [];
    a.subscribe('u1', (m) => gotA.push(m));
    b.subscribe('u1', (m) => gotB.push(m));
    await settle(a, b);
    for (let n = 0; n < 50; n++) a.publish('u1', ev(n));
    expect(gotA).toEqual(Array.from({ length: 50 }, (_, n) => ev(n))); // synchronously, before any round trip
    await waitFor(() => gotB.length >= 50, 'node b to get 50');
    const expected = Array.from({ length: 50 }, (_, n) => ev(n));
    expect(gotB.slice(-50)).toEqual(expected);
  });

  it('one frame message published to many topics (a fan-out) reaches each once, with its own text', async () => {
    const [a, b] = await pair();
    const got: Array<[string, unknown]> = [];
    for (const t of ['f1', 'f2', 'f3']) b.subscribe(t, (m) => got.push([t, m]));
    await settle(a, b);
    const one: BusMessage = { t: 'frame', text: '{"ev":"msg","d":1}' };
    const two: BusMessage = { t: 'frame', text: '{"ev":"msg","d":2}', except: 's1' };
    for (const t of ['f1', 'f2', 'f3']) a.publish(t, one);
    for (const t of ['f1', 'f3']) a.publish(t, two);
    await waitFor(() => got.length >= 5, 'the frames');
    expect(got).toEqual([
      ['f1', one],
      ['f2', one],
      ['f3', one],
      ['f1', two],
      ['f3', two],
    ]);
  });

  it('unsubscribed handlers and other topics get nothing', async () => {
    const [a, b] = await pair();
    const got: unknown[] = [];
    const h = (m: BusMessage) => got.push(m);
    b.subscribe('u2', h);
    b.subscribe('marker', () => got.push('marker'));
    await settle(a, b);
    b.unsubscribe('u2', h);
    a.publish('u2', ev(1));
    a.publish('other', ev(2));
    a.publish('marker', ev(3));
    await waitFor(() => got.length > 0, 'the marker');
    expect(got).toEqual(['marker']);
  });

  it('presence: a tracked session is online from every node until untracked', async () => {
    const [a, b] = await pair();
    expect(await b.isOnline('u3')).toBe(false);
    a.track('u3', 's1');
    a.track('u3', 's2');
    await waitFor(async () => b.isOnline('u3'), 'u3 online');
    a.untrack('u3', 's1');
    expect(await b.isOnline('u3')).toBe(true);
    a.untrack('u3', 's2');
    await waitFor(async () => !(await b.isOnline('u3')), 'u3 offline');
    expect(a.available && b.available).toBe(true);
  });

  it('trackIfRoom: at most `max` devices across nodes, atomically; the same device is not one more', async () => {
    const [a, b] = await pair();
    const key = (s: string, device: string) => JSON.stringify([s, 'web', device]);
    const tries = Array.from({ length: 10 }, (_, i) =>
      (i % 2 ? a : b).trackIfRoom('room-u', key(`s${i}`, `d${i}`), `d${i}`, 3),
    );
    expect((await Promise.all(tries)).filter(Boolean)).toHaveLength(3);
    const tracked = (await Promise.all(tries)).flatMap((ok, i) => (ok ? [i] : []));
    const again = tracked[0]!;
    expect(await a.trackIfRoom('room-u', key('again', `d${again}`), `d${again}`, 3)).toBe(true);
    expect(await b.trackIfRoom('room-u', key('other', 'd-new'), 'd-new', 3)).toBe(false);
    (again % 2 ? a : b).untrack('room-u', key(`s${again}`, `d${again}`));
    a.untrack('room-u', key('again', `d${again}`));
    await waitFor(() => b.trackIfRoom('room-u', key('other', 'd-new'), 'd-new', 3), 'room after an untrack');
  });

  it('next: one counter for every node, each number handed out once, never at or below the floor', async () => {
    const [a, b] = await pair();
    const got = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).next('room:x', 0)));
    expect([...got].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await a.next('room:x', 100)).toBe(101); // a counter lost with a Redis restart resumes above what nodes saw
    expect(await b.next('room:x', 0)).toBe(102);
    expect(await b.next('room:y', 0)).toBe(1);
  });

  it('listeners: the nodes subscribed to a topic, this one counted once its subscription is in place', async () => {
    const [a, b] = await pair();
    expect(await a.listeners('l1')).toBe(0);
    a.subscribe('l1', () => undefined);
    expect(await a.listeners('l1')).toBe(1);
    b.subscribe('l1', () => undefined);
    expect(await b.listeners('l1')).toBe(a === b ? 1 : 2); // the memory bus is one node
  });
});

describe.skipIf(!hasRedis)('bus: redis failures', () => {
  it('a crashed node’s sessions expire; Redis restarting makes the bus unavailable, then it recovers by itself', async () => {
    const own = await startRedis();
    const a = new RedisBus({ url: own.url, presenceTtlMs: 1000 });
    const b = new RedisBus({ url: own.url, presenceTtlMs: 1000 });
    try {
      await Promise.all([a.ready(), b.ready()]);
      a.track('u', 's');
      await waitFor(async () => b.isOnline('u'), 'u online');
      await a.close(); // orderly stop removes its sessions at once
      expect(await b.isOnline('u')).toBe(false);
      const c = new RedisBus({ url: own.url, presenceTtlMs: 1000 });
      await c.ready();
      c.track('u', 's');
      await waitFor(async () => b.isOnline('u'), 'u online');
      c.abandon(); // a crash: no goodbye, no more heartbeats
      await waitFor(async () => !(await b.isOnline('u')), 'u to expire');

      const got: unknown[] = [];
      b.subscribe('v', (m) => got.push(m));
      await own.down(true);
      await waitFor(() => !b.available, 'b to notice Redis gone');
      await own.up();
      await b.ready();
      expect(b.available).toBe(true);
      const d = new RedisBus({ url: own.url });
      await d.ready();
      await waitFor(() => {
        d.publish('v', ev(7));
        return got.length > 0;
      }, 'delivery after the restart');
      expect(got[0]).toEqual(ev(7));
      await d.close();
    } finally {
      await b.close();
      await own.stop();
    }
  });
});

/** Redis subscriptions take a round trip; waits until a probe published by `a` reaches `b`. */
async function settle(a: Bus, b: Bus): Promise<void> {
  if (a === b) return;
  let seen = false;
  const h = () => (seen = true);
  b.subscribe('probe', h);
  await waitFor(() => {
    a.publish('probe', ev(-1));
    return seen;
  }, 'the subscription');
  b.unsubscribe('probe', h);
}
