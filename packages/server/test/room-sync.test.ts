/**
 * A node joining a cluster learns the chatrooms from a running node (room-replica.ts), over a fake
 * network with Redis's guarantee: one global order of publishes, each node hearing its own at once.
 */
import { describe, expect, it } from 'vitest';
import { MemoryBus } from '../src/bus/memory.js';
import { LiveRooms } from '../src/core/chatrooms/room-live.js';
import type { Bus, BusMessage } from '../src/core/ports/bus.js';

class Net {
  readonly #nodes: Array<{ bus: MemoryBus }> = [];
  readonly #queue: Array<{ from: MemoryBus; topic: string; m: BusMessage }> = [];

  node(): Bus {
    const local = new MemoryBus();
    this.#nodes.push({ bus: local });
    const listeners = async (topic: string) => this.#nodes.filter((n) => n.bus.has(topic)).length;
    const publish = (topic: string, m: BusMessage) => {
      local.publish(topic, m);
      this.#queue.push({ from: local, topic, m });
    };
    return {
      publish,
      listeners,
      subscribe: (t, h) => local.subscribe(t, h),
      unsubscribe: (t, h) => local.unsubscribe(t, h),
      available: true,
      track: () => undefined,
      untrack: () => undefined,
      isOnline: async () => false,
      remoteSessions: async () => [],
      trackIfRoom: async () => true,
      next: async () => 0,
      close: async () => undefined,
    };
  }

  /** Delivers everything queued (and what that makes nodes publish), in publish order. */
  flush(): void {
    for (let q = this.#queue.shift(); q; q = this.#queue.shift())
      for (const n of this.#nodes) if (n.bus !== q.from) n.bus.publish(q.topic, q.m);
  }
}

const settle = () => new Promise((r) => setTimeout(r, 0));
const members = (n: LiveRooms) => [...(n.get('app', 'r')?.members.keys() ?? [])];

describe('a node joining a cluster learns the chatrooms', () => {
  it('members, seq and history come from a running node; the first node asks no one', async () => {
    const net = new Net();
    const a = new LiveRooms(5, net.node());
    expect(await a.synced).toBe(false);
    a.add('app', 'r', 'ann', 1);
    a.add('app', 'r', 'bob', 2);
    const m = { id: 'm1', cid: 'c1', from: 'ann', seq: 4, conv: 'r:r' } as never;
    a.record('app', 'r', m, { id: 'm1', cid: 'c1', conv: 'r:r', seq: 4, ts: 0 });
    net.flush();

    const b = new LiveRooms(5, net.node());
    await settle();
    net.flush();
    expect(await b.synced).toBe(true);
    expect(members(b)).toEqual(['ann', 'bob']);
    expect(b.get('app', 'r')).toMatchObject({ seq: 4, history: [expect.objectContaining({ id: 'm1' })] });
    expect(b.get('app', 'r')!.acks.get('ann\u0000c1')).toMatchObject({ id: 'm1', seq: 4 });
    expect(b.roomsOf('app', 'bob')).toEqual(['r']);
  });

  it('a change heard before the snapshot is not undone by it (the answering node had not seen it yet)', async () => {
    const net = new Net();
    const a = new LiveRooms(5, net.node());
    const c = new LiveRooms(5, net.node());
    await settle();
    net.flush();
    await Promise.all([a.synced, c.synced]);
    a.add('app', 'r', 'ann', 1);
    a.add('app', 'r', 'bob', 2);
    net.flush();

    const b = new LiveRooms(5, net.node());
    await settle(); // b's hello is queued
    c.remove('app', 'r', 'bob'); // after the hello: a answers without it, but b hears it first
    c.add('app', 'r', 'cy', 3);
    net.flush();
    expect(await b.synced).toBe(true);
    expect(members(b)).toEqual(['ann', 'cy']); // and in the same order as on the others
    expect(members(a)).toEqual(['ann', 'cy']);
    expect(members(c)).toEqual(['ann', 'cy']);
  });

  it('nobody answering within the timeout: the node starts with what it heard', async () => {
    const net = new Net();
    const silent = net.node();
    silent.subscribe('rooms', () => undefined); // listens, never answers
    const b = new LiveRooms(5, net.node(), 20);
    expect(await b.synced).toBe(false);
    b.add('app', 'r', 'ann', 1);
    expect(members(b)).toEqual(['ann']);
  });
});
