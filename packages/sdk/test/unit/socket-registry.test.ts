import { describe, expect, it } from 'vitest';
import { PigeonError } from '@pigeon/protocol';
import type { PlatformAdapter, PlatformSocket, SocketHandlers } from '../../src/core/platform.js';
import { SocketSlot, claimSocket, claimSocketSlot, heldSockets, socketsInUse } from '../../src/core/socket-registry.js';

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

const noop: SocketHandlers = { onOpen() {}, onMessage() {}, onClose() {}, onError() {} };

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

  it('a slot closes its old socket (and waits for it) before opening a new one', async () => {
    const { adapter, live, opened } = fakeAdapter(1, true);
    const slot = new SocketSlot(adapter);
    await slot.open('ws://a', noop);
    expect(live.size).toBe(1);
    await slot.open('ws://b', noop);
    expect(opened).toEqual(['ws://a', 'ws://b']);
    expect(live.size).toBe(1);
    expect(heldSockets(adapter)).toBe(1);
    // A second connection cannot take the slot while the first holds it, even between sockets.
    await slot.closeSocket();
    expect(() => new SocketSlot(adapter).reserve()).toThrow(/test: at most 1/);
    await slot.release();
    expect(heldSockets(adapter)).toBe(0);
    expect(live.size).toBe(0);
    const next = new SocketSlot(adapter);
    await next.open('ws://c', noop);
    expect(live.size).toBe(1);
    await next.release();
  });

  it('forgets a socket the server closed, so release() does not wait on it', async () => {
    const { adapter, live } = fakeAdapter(5);
    const slot = new SocketSlot(adapter);
    await slot.open('ws://a', noop);
    const [h] = [...live];
    h.onClose(1006, 'gone');
    expect(slot.socket).toBeUndefined();
    await slot.release();
    expect(slot.reserved).toBe(false);
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
