import { describe, expect, it } from 'vitest';
import { startTestServer } from './helpers/server.js';
import { RawClient, txt } from './helpers/ws-client.js';

describe('graceful shutdown', () => {
  it('in-flight sends are committed and answered, then goaway and close 1001; a restart has every acked message', async () => {
    const s = await startTestServer({ limits: { sendsPerSecond: 10_000 } });
    await s.createUsers(['alice', 'bob']);
    const alice = await RawClient.login(s.wsUrl, 'pigeon#demo', await s.tokenFor('alice'));
    const bob = await RawClient.login(s.wsUrl, 'pigeon#demo', await s.tokenFor('bob'));
    const ids = Array.from({ length: 100 }, (_, i) => {
      const id = alice.nextId();
      alice.send({ id, op: 'msg.send', d: txt('bob', `m${i}`, `sd-${i}`) });
      return id;
    });
    await alice.reply(ids[0]!);
    await s.stop();
    const goaway = alice.events.find((e) => e.ev === 'goaway');
    expect(goaway.d).toEqual({ reason: 'server shutting down', retryAfterMs: 1000 });
    expect((await alice.closed).code).toBe(1001);
    expect((await bob.closed).code).toBe(1001);
    // Every request got exactly one reply, before goaway: an ack, or SERVER_GOING_AWAY (retryable).
    const goawayAt = alice.frames.findIndex((f) => f.ev === 'goaway');
    const replies = alice.frames.slice(0, goawayAt).filter((f) => ids.includes(f.re));
    expect(replies).toHaveLength(100);
    const acked = replies.filter((r) => r.d);
    for (const r of replies.filter((x) => x.err))
      expect(r.err).toMatchObject({ name: 'SERVER_GOING_AWAY', retryable: true });

    const again = await startTestServer({ dataDir: s.dataDir });
    const bob2 = await RawClient.login(again.wsUrl, 'pigeon#demo', await again.tokenFor('bob'));
    const pulled = await bob2.ok('msg.pull', { conv: 's:alice:bob', afterSeq: 0, limit: 200 });
    const stored = new Set(pulled.msgs.map((m: { id: string }) => m.id));
    for (const r of acked) expect(stored.has(r.d.id)).toBe(true);
    bob2.close();
    await again.close();
  });

  it('stop() is idempotent and leaves the port closed', async () => {
    const s = await startTestServer();
    const stops = [s.stop(), s.stop()];
    await Promise.all(stops);
    await expect(fetch(`${s.httpUrl}/health`)).rejects.toThrow();
  });
});
