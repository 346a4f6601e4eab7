/**
 * A sign-in does the minimum before its auth reply (token, user, session registration) and tells
 * others after it (Hub.register, then Hub.announce): whatever a presence listener sends is on the
 * wire after the reply, and a session that closes in between is never announced.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryBus } from '../src/bus/memory.js';
import { Hub } from '../src/core/sessions/hub.js';
import type { SessionLink } from '../src/core/sessions/session-link.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { RawClient } from './helpers/ws-client.js';

describe('connect ordering', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
    await s.createUsers(['order1', 'order2']);
    // A listener that pushes to the user who just came online: it must land after the auth reply.
    s.core.hub.addPresenceListener({
      online: (appId, user) =>
        s.core.hub.emit(appId, user, 'presence', { user, ext: 'told', devices: [], lastTime: 0, expiresAt: 0 }),
      offline: () => {},
    });
  });
  afterAll(() => s.close());

  it('the auth reply comes before anything the sign-in triggers', async () => {
    const c = await RawClient.open(s.wsUrl);
    const r = await c.request('auth', {
      v: 1,
      appKey: 'pigeon#demo',
      token: await s.tokenFor('order1'),
      platform: 'node',
      deviceId: 'order-dev',
      sdk: 'test',
    });
    expect(r.d.user).toBe('order1');
    await c.event('presence');
    const reply = c.frames.findIndex((f) => f.re === r.re);
    const told = c.frames.findIndex((f) => f.ev === 'presence' && f.d.ext === 'told');
    expect(reply).toBe(0);
    expect(told).toBeGreaterThan(reply);
    c.close();
  });

  it('the same device signing in again replaces the old socket; the new one keeps working', async () => {
    const first = await RawClient.login(s.wsUrl, 'pigeon#demo', await s.tokenFor('order2'), { deviceId: 'a' });
    const second = await RawClient.login(s.wsUrl, 'pigeon#demo', await s.tokenFor('order2'), { deviceId: 'a' });
    // Same device id: the old socket is replaced (4003), the new one stays.
    expect((await first.closed).code).toBe(4003);
    expect((await second.ok('ping')).t).toBeGreaterThan(0);
    second.close();
  });
});

describe('Hub.register and Hub.announce', () => {
  const link = (id: string): SessionLink => ({
    id,
    appId: 'a1',
    user: 'u1',
    deviceId: id,
    platform: 'node',
    push: () => {},
    pushFrame: () => {},
    close: () => {},
  });

  it('tells presence listeners once per user, after announce, and never for a session gone before it', () => {
    const hub = new Hub(new MemoryBus());
    const told: string[] = [];
    hub.addPresenceListener({ online: (_, u) => told.push(`on ${u}`), offline: (_, u) => told.push(`off ${u}`) });
    const gone = link('s0');
    hub.register(gone);
    hub.leave(gone);
    hub.announce(gone, 'multi');
    expect(told).toEqual([]);

    const a = link('s1');
    const b = link('s2');
    hub.register(a);
    expect(hub.isOnline('a1', 'u1')).toBe(true); // pushes reach it before the announce
    expect(told).toEqual([]);
    hub.announce(a, 'multi');
    hub.register(b);
    hub.announce(b, 'multi');
    hub.leave(a);
    hub.leave(b);
    expect(told).toEqual(['on u1', 'off u1']);
  });
});
