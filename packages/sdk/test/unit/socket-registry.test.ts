import { describe, expect, it } from 'vitest';
import { PigeonError } from '@pigeon/protocol';
import type { PlatformAdapter, PlatformSocket, SocketHandlers } from '../../src/core/platform.js';
import { claimSocket, claimSocketSlot, heldSockets, socketsInUse } from '../../src/core/socket-registry.js';

/** An adapter whose sockets open at once and close when asked (after a tick, like a real one). */
function fakeAdapter(maxSockets: number, newClosesOld = false) {
  const live = new Set<SocketHandlers>();
  const opened: string[] = [];
  const adapter: PlatformAdapter = {
    name: 'wechat',
    scope: {},
    socketRule: { maxSockets, newClosesOld, note: `test: at most ${maxSockets}` },
    connect(url, h): PlatformSocket {
      opened.push(url);
      live.add(h);
      queueMicrotask(() => h.onOpen());
      return {
        send() {},
        close: () =>
          new Promise((resolve) =>
            setTimeout(() => {
              live.delete(h);
              h.onClose(1000, '');
              resolve();
            }, 5),
          ),
      };
    },
    request: () => Promise.reject(new Error('unused')),
  };
  return { adapter, live, opened };
}

describe('socket registry', () => {
  it('refuses the socket over the limit with SOCKET_LIMIT naming the rule', () => {
    const { adapter } = fakeAdapter(2);
    const a = claimSocket(adapter);
    claimSocket(adapter);
    let err: unknown;
    try {
      claimSocket(adapter);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PigeonError);
    expect((err as PigeonError).type).toBe('SOCKET_LIMIT');
    expect((err as PigeonError).details).toMatchObject({
      platform: 'wechat',
      maxSockets: 2,
      inUse: 2,
      rule: 'test: at most 2',
    });
    a.release();
    a.release();
    expect(heldSockets(adapter)).toBe(1);
    expect(() => claimSocket(adapter)).not.toThrow();
  });

  it('counts per runtime scope, not per adapter name', () => {
    const one = fakeAdapter(1).adapter;
    const two = fakeAdapter(1).adapter;
    claimSocket(one);
    expect(() => claimSocket(two)).not.toThrow();
    expect(() => claimSocket(one)).toThrow(PigeonError);
  });
});

describe('claimSocketSlot (the session-facing form)', () => {
  it('returns an idempotent release and counts by platform name', () => {
    const { adapter } = fakeAdapter(1);
    const release = claimSocketSlot(adapter);
    expect(socketsInUse('wechat')).toBeGreaterThanOrEqual(1);
    expect(() => claimSocketSlot(adapter)).toThrow(PigeonError);
    release();
    release();
    expect(heldSockets(adapter)).toBe(0);
  });
});
