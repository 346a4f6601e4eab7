/** Small parts of groups and chatrooms: the record cache, the per-key lock, roles, mention targets. */
import { describe, expect, it } from 'vitest';
import { MemoryBus } from '../src/bus/memory.js';
import { mentionTargets } from '../src/core/groups/group-messages.js';
import type { GroupState } from '../src/core/groups/group-state.js';
import { LiveRooms } from '../src/core/chatrooms/room-live.js';
import { KeyedLock } from '../src/core/social/keyed-lock.js';
import { RecordCache } from '../src/core/social/record-cache.js';
import { isMuted, muteUntil, outranks } from '../src/core/social/roles.js';
import type { OutgoingMessage } from '@pigeon/protocol';

const deferred = <T>() => {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
};

describe('RecordCache', () => {
  it('loads once for concurrent gets, and drops a load that an invalidation overtook', async () => {
    const bus = new MemoryBus();
    let loads = 0;
    let gate = deferred<string>();
    const cache = new RecordCache<string>(bus, 't', 10, () => (loads++, gate.promise));
    const a = cache.get('app', 'x');
    const b = cache.get('app', 'x');
    cache.invalidate('app', 'x'); // a change lands while the first load reads old rows
    gate.resolve('old');
    expect(await a).toBe('old');
    expect(await b).toBe('old');
    gate = deferred<string>();
    const c = cache.get('app', 'x'); // not cached: reloads
    gate.resolve('new');
    expect(await c).toBe('new');
    expect(await cache.get('app', 'x')).toBe('new');
    expect(loads).toBe(2);
  });

  it('an invalidation published on the bus (another node) drops the local copy; the size is bounded', async () => {
    const bus = new MemoryBus();
    let n = 0;
    const cache = new RecordCache<number>(bus, 't', 2, async () => ++n);
    expect(await cache.get('a', '1')).toBe(1);
    bus.publish('cache:t', { t: 'invalidate', key: 'a\u00001' });
    expect(await cache.get('a', '1')).toBe(2);
    await cache.get('a', '2');
    await cache.get('a', '3'); // evicts '1'
    expect(await cache.get('a', '1')).toBe(5);
  });
});

describe('KeyedLock', () => {
  it('runs tasks of one key one at a time, in order, and other keys meanwhile; a failure does not block', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const gate = deferred<void>();
    const first = lock.run('k', async () => {
      log.push('k1 start');
      await gate.promise;
      log.push('k1 end');
    });
    const failing = lock.run('k', async () => {
      log.push('k2');
      throw new Error('boom');
    });
    const third = lock.run('k', async () => void log.push('k3'));
    await lock.run('other', async () => void log.push('other'));
    gate.resolve();
    await first;
    await expect(failing).rejects.toThrow('boom');
    await third;
    expect(log).toEqual(['k1 start', 'other', 'k1 end', 'k2', 'k3']);
  });
});

describe('roles and mutes', () => {
  it('owner > admin > member, the app above all; -1 mutes until unmuted', () => {
    expect(outranks('owner', 'admin')).toBe(true);
    expect(outranks('admin', 'admin')).toBe(false);
    expect(outranks('admin', 'owner')).toBe(false);
    expect(outranks('app', 'owner')).toBe(true);
    expect(muteUntil(1000, -1)).toBe(-1);
    expect(muteUntil(1000, 500)).toBe(1500);
    expect(() => muteUntil(1000, 0)).toThrow(expect.objectContaining({ type: 'BAD_REQUEST' }));
    expect(isMuted(-1, 5)).toBe(true);
    expect(isMuted(10, 5)).toBe(true);
    expect(isMuted(10, 10)).toBe(false);
    expect(isMuted(0, 5)).toBe(false);
  });
});

describe('mention targets', () => {
  const state = {
    members: new Map([
      ['a', {}],
      ['b', {}],
      ['all', {}],
    ]),
  } as unknown as GroupState;
  const msg = (list: unknown) => ({ ext: { em_at_list: list } }) as unknown as OutgoingMessage;
  it('ALL in any case or inside the list means everyone; names are members only, not the sender, once each', () => {
    expect(mentionTargets(msg('ALL'), state, 'a')).toEqual(['*']);
    expect(mentionTargets(msg('all'), state, 'a')).toEqual(['*']);
    expect(mentionTargets(msg(['b', 'ALL']), state, 'a')).toEqual(['*']);
    expect(mentionTargets(msg(['B', 'b', 'a', 'stranger', 7]), state, 'a')).toEqual(['b']);
    expect(mentionTargets(msg('someone'), state, 'a')).toEqual([]);
    expect(mentionTargets({} as OutgoingMessage, state, 'a')).toEqual([]);
  });
});

describe('LiveRooms', () => {
  it('keeps the newest historySize messages, tracks the rooms of each user, forgets a dropped room', () => {
    const live = new LiveRooms(2);
    expect(live.add('app', 'r1', 'u', 1)).toBe(true);
    expect(live.add('app', 'r1', 'u', 2)).toBe(false);
    live.add('app', 'r2', 'u', 3);
    expect(live.roomsOf('app', 'u').sort()).toEqual(['r1', 'r2']);
    const room = live.room('app', 'r1');
    for (const seq of [1, 2, 3]) {
      const m = { id: String(seq), cid: `c${seq}`, from: 'u', seq } as never;
      live.record('app', 'r1', m, { id: String(seq), cid: `c${seq}`, conv: 'r:r1', seq, ts: 0 });
    }
    expect(room.history.map((m) => m.seq)).toEqual([2, 3]);
    expect(room.acks.get('u\u0000c1')).toMatchObject({ seq: 1 });
    expect(live.drop('app', 'r1')).toEqual(['u']);
    expect(live.roomsOf('app', 'u')).toEqual(['r2']);
    live.stop();
  });

  it('two nodes on one bus see the same members, history (with recalls) and seq; a change is applied once', () => {
    const bus = new MemoryBus();
    const [n1, n2] = [new LiveRooms(5, bus), new LiveRooms(5, bus)];
    expect(n1.add('app', 'r', 'ann', 1)).toBe(true);
    expect(n2.add('app', 'r', 'ann', 2)).toBe(false); // already there through the bus
    n2.add('app', 'r', 'bob', 3);
    const m = { id: 'm1', cid: 'c1', from: 'ann', seq: 7 } as never;
    n1.record('app', 'r', m, { id: 'm1', cid: 'c1', conv: 'r:r', seq: 7, ts: 0 });
    n2.recall('app', 'r', 'm1');
    for (const n of [n1, n2]) {
      const room = n.get('app', 'r')!;
      expect([...room.members.keys()]).toEqual(['ann', 'bob']);
      expect(room.history).toEqual([expect.objectContaining({ id: 'm1', recalled: true, body: {} })]);
      expect(room.seq).toBe(7);
    }
    n2.remove('app', 'r', 'ann');
    expect(n1.roomsOf('app', 'ann')).toEqual([]);
    expect(n2.drop('app', 'r')).toEqual(['bob']);
    expect(n1.get('app', 'r')).toBeUndefined();
  });
});
