/**
 * The connection state machine against a local test server that speaks docs/protocol.md:
 * reconnect with backoff and a cap, counter reset, no reconnect after kick or close, heartbeat
 * silence, goaway, onShow, network events, socket limits, token timing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection, PlatformAdapter } from '../src/core/index.js';
import { socketsInUse } from '../src/core/socket-registry.js';
import { client, pause, record, until } from './support/client.js';
import { FakePigeonServer } from './support/fake-pigeon-server.js';

let server: FakePigeonServer;
const open: Connection[] = [];
const make = (...a: Parameters<typeof client> extends [unknown, ...infer R] ? R : never) => {
  const c = client(server, ...a);
  open.push(c);
  return c;
};

beforeEach(async () => {
  server = await new FakePigeonServer().start();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  await server.stop();
});

describe('open / close', () => {
  it('open() resolves after auth with sync already started; close() resolves once really closed', async () => {
    const c = make();
    const rec = record(c);
    const login = await c.open({ user: 'Alice', accessToken: 'tok-alice' });
    expect(login).toMatchObject({ accessToken: 'tok-alice', expireTimestamp: server.tokenExpiresAt });
    expect(c.isOpened()).toBe(true);
    expect(c.state).toBe('open');
    expect(c.user).toBe('alice');
    expect(rec.names().slice(0, 2)).toEqual(['onConnected', 'onOfflineMessageSyncStart']);
    expect(server.of('alice')).toHaveLength(1);
    await c.close();
    expect(c.state).toBe('closed');
    expect(server.sessions.size === 0 || [...server.sessions].every((s) => s.ws.readyState >= 2)).toBe(true);
    expect(rec.args('onDisconnected')).toEqual([undefined]);
  });

  it('open() with a password gets a token over REST first', async () => {
    const c = make();
    await expect(c.open({ user: 'bob', pwd: 'pw' })).resolves.toMatchObject({
      accessToken: 'tok-bob',
      duration: 3_600_000,
    });
    expect(server.of('bob')).toHaveLength(1);
  });

  it('wrong password, bad token, expired token: typed rejections, state closed, no reconnect', async () => {
    const c = make();
    await expect(c.open({ user: 'bob', pwd: 'nope' })).rejects.toMatchObject({ type: 'AUTH_FAILED', code: 2002 });
    await expect(c.open({ user: 'bob', accessToken: 'garbage' })).rejects.toMatchObject({ type: 'TOKEN_INVALID' });
    await expect(c.open({ user: 'bob', accessToken: 'expired' })).rejects.toMatchObject({ type: 'TOKEN_EXPIRED' });
    expect(c.state).toBe('closed');
    const before = server.accepted;
    await pause(150);
    expect(server.accepted).toBe(before);
  });

  it('open() to an unreachable server rejects with NETWORK (retryable) instead of hanging', async () => {
    server.refuse = true;
    const c = make();
    const err = await c.open({ user: 'a', accessToken: 'tok-a' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'PigeonError', type: 'NETWORK', retryable: true });
    expect(c.state).toBe('closed');
  });

  it('close() during open() rejects open() with CLOSED', async () => {
    server.onRequest = (_s, f) => (f.op === 'auth' ? 'swallow' : undefined);
    const c = make();
    const opening = c.open({ user: 'a', accessToken: 'tok-a' }).catch((e: unknown) => e);
    await until(() => server.requests.some((r) => r.op === 'auth'), 'auth frame');
    await c.close();
    expect(await opening).toMatchObject({ type: 'CLOSED' });
  });

  it('registerUser posts to /{org}/{app}/users and maps errors', async () => {
    const c = make();
    await expect(c.registerUser({ username: 'zoe', password: 'pw', nickname: 'Zoe' })).resolves.toMatchObject({
      type: 0,
      entities: [{ username: 'zoe', nickname: 'Zoe' }],
    });
    await expect(c.registerUser({ username: 'taken', password: 'pw' })).rejects.toMatchObject({ type: 'USER_EXISTS' });
  });
});

describe('reconnect', () => {
  it('a dropped socket reconnects with backoff; sends made meanwhile wait and go out after', async () => {
    const c = make();
    const rec = record(c);
    await c.open({ user: 'alice', accessToken: 'tok-alice' });
    server.dropAll();
    await until(() => c.state === 'reconnecting' || rec.count('onConnected') === 2, 'reconnecting');
    await until(() => rec.count('onConnected') === 2, 'second onConnected');
    expect(rec.count('onReconnecting')).toBeGreaterThanOrEqual(1);
    expect(rec.count('onDisconnected')).toBe(0);
    expect(c.state).toBe('open');
  });

  it('gives up after autoReconnectNumMax attempts with RECONNECT_EXHAUSTED', async () => {
    const c = make({ autoReconnectNumMax: 3 });
    const rec = record(c);
    await c.open({ user: 'alice', accessToken: 'tok-alice' });
    server.refuse = true;
    server.dropAll();
    await until(() => rec.count('onDisconnected') === 1, 'onDisconnected');
    expect(rec.count('onReconnecting')).toBe(3);
    expect(rec.args('onDisconnected')[0]).toMatchObject({ type: 'RECONNECT_EXHAUSTED', code: 6008 });
    expect(rec.args('onError').map((e) => (e as { type: string }).type)).toContain('RECONNECT_EXHAUSTED');
    expect(c.state).toBe('disconnected');
    await expect(c.send(msgTo('bob'))).rejects.toMatchObject({ type: 'NOT_CONNECTED' });
    const attempts = server.accepted;
    await pause(200);
    expect(server.accepted).toBe(attempts); // really stopped
  });

  it('waits with growing, capped delays between attempts', async () => {
    const c = make({ autoReconnectNumMax: 6, autoReconnectInterval: 40, autoReconnectMaxDelay: 120 });
    const rec = record(c);
    await c.open({ user: 'alice', accessToken: 'tok-alice' });
    const times: number[] = [];
    c.addEventHandler('t', { onReconnecting: () => times.push(Date.now()) });
    server.refuse = true;
    const t0 = Date.now();
    server.dropAll();
    await until(() => rec.count('onDisconnected') === 1, 'exhausted', 5000);
    const total = Date.now() - t0;
    // Ceilings 40, 80, 120, 120, 120, 120 (full jitter: each delay within [0, ceiling)).
    expect(times).toHaveLength(6);
    expect(total).toBeLessThan(600 + 6 * 100);
  });

  it('the attempt counter restarts after every successful reconnect', async () => {
    const c = make({ autoReconnectNumMax: 3 });
    const rec = record(c);
    await c.open({ user: 'alice', accessToken: 'tok-alice' });
    // Outage 1: two attempts fail, the third succeeds.
    server.refuse = true;
    server.dropAll();
    await until(() => rec.count('onReconnecting') === 2, 'two attempts');
    server.refuse = false;
    await until(() => rec.count('onConnected') === 2, 'reconnected');
    // Outage 2: the full budget of 3 attempts is available again.
    const before = rec.count('onReconnecting');
    server.refuse = true;
    server.dropAll();
    await until(() => rec.count('onDisconnected') === 1, 'exhausted');
    expect(rec.count('onReconnecting') - before).toBe(3);
  });

  it('no reconnect after an explicit close', async () => {
    const c = make();
    const rec = record(c);
    await c.open({ user: 'alice', accessToken: 'tok-alice' });
    const accepted = server.accepted;
    await c.close();
    await pause(200);
    expect(server.accepted).toBe(accepted);
    expect(rec.count('onReconnecting')).toBe(0);
  });

  it('kicked: no reconnect, onDisconnected and onError carry KICKED', async () => {
    const c = make();
    const rec = record(c);
    await c.open({ user: 'alice', accessToken: 'tok-alice' });
    const accepted = server.accepted;
    server.kick('alice');
    await until(() => c.state === 'kicked', 'kicked');
    await pause(200);
    expect(server.accepted).toBe(accepted);
    expect(rec.args('onDisconnected')[0]).toMatchObject({ type: 'KICKED', details: { reason: 'kicked' } });
    expect(rec.count('onReconnecting')).toBe(0);
    // open() again works after a kick
    await c.open({ user: 'alice', accessToken: 'tok-alice' });
    expect(c.state).toBe('open');
  });

  it.each([4001, 4003, 4007])('no reconnect after close code %i', async (code) => {
    const c = make();
    const rec = record(c);
    await c.open({ user: 'alice', accessToken: 'tok-alice' });
    server.closeAll(code);
    await until(() => rec.count('onDisconnected') === 1, 'stopped');
    await pause(150);
    expect(rec.count('onReconnecting')).toBe(0);
    expect(c.state).toBe(code === 4003 ? 'kicked' : 'closed');
  });

  it('other close codes (1006, 4004 idle, 4006 slow consumer) reconnect', async () => {
    const c = make();
    const rec = record(c);
    await c.open({ user: 'alice', accessToken: 'tok-alice' });
    server.closeAll(4006);
    await until(() => rec.count('onConnected') === 2, 'reconnected');
    server.closeAll(4004);
    await until(() => rec.count('onConnected') === 3, 'reconnected again');
  });

  it('goaway: reconnects after retryAfterMs (plus jitter), not before', async () => {
    const c = make();
    const rec = record(c);
    await c.open({ user: 'alice', accessToken: 'tok-alice' });
    const t0 = Date.now();
    server.goaway(300);
    await until(() => rec.count('onConnected') === 2, 'reconnected', 3000);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
  });
});

describe('heartbeat and liveness', () => {
  it('pings every heartBeatWait', async () => {
    const c = make();
    await c.open({ user: 'alice', accessToken: 'tok-alice' });
    await pause(500);
    const pings = server.requests.filter((r) => r.op === 'ping').length;
    expect(pings).toBeGreaterThanOrEqual(2);
  });

  it('a socket that goes silent without closing is detected after ~2 intervals and replaced', async () => {
    const c = make({ heartBeatWait: 100 });
    const rec = record(c);
    await c.open({ user: 'alice', accessToken: 'tok-alice' });
    const t0 = Date.now();
    const pings = () => server.ignoredWhileFrozen.filter((op) => op === 'ping').length;
    const pingsBefore = pings();
    server.frozen = true; // no frames, no close: a mini-program socket that died silently
    await until(() => c.state === 'reconnecting', 'dead socket detected', 10_000);
    // Timers never fire early, so the lower bound holds on any machine; the upper one is counted in
    // pings (a busy machine stretches wall time, not the number of unanswered pings).
    expect(Date.now() - t0).toBeGreaterThanOrEqual(190);
    expect(pings() - pingsBefore).toBeGreaterThanOrEqual(1);
    expect(pings() - pingsBefore).toBeLessThanOrEqual(3);
    server.frozen = false;
    await until(() => rec.count('onConnected') === 2, 'reconnected');
  });

  it('onShow() checks the socket at once and, when it died silently, reconnects without waiting for backoff', async () => {
    const slow = { heartBeatWait: 60_000, autoReconnectInterval: 60_000, autoReconnectMaxDelay: 60_000 };
    const c = make(slow);
    const rec = record(c);
    await c.open({ user: 'alice', accessToken: 'tok-alice' });
    server.frozen = true; // died in the background, no close callback
    const t0 = Date.now();
    const shown = c.onShow();
    expect(shown).toBeInstanceOf(Promise);
    await shown; // the liveness probe got no reply within min(heartBeatWait, requestTimeout, 5 s)
    expect(c.state).toBe('reconnecting');
    server.frozen = false;
    await until(() => rec.count('onConnected') === 2, 'reconnected', 30_000);
    // requestTimeout (800) + connect, not the 60 s backoff: the margin leaves room for a busy machine.
    expect(Date.now() - t0).toBeLessThan(30_000);
  });

  it('onShow() while waiting out a backoff reconnects now', async () => {
    const c = make({ autoReconnectInterval: 60_000, autoReconnectMaxDelay: 60_000 });
    const rec = record(c);
    await c.open({ user: 'alice', accessToken: 'tok-alice' });
    server.dropAll(); // the platform closed the socket while hidden
    await until(() => c.state === 'reconnecting', 'reconnecting');
    await pause(30);
    const t0 = Date.now();
    await c.onShow();
    await until(() => rec.count('onConnected') === 2, 'reconnected', 30_000);
    expect(Date.now() - t0).toBeLessThan(30_000); // not the 60 s backoff
  });

  it('onShow() on a healthy socket does not reconnect', async () => {
    const c = make();
    const rec = record(c);
    await c.open({ user: 'alice', accessToken: 'tok-alice' });
    await c.onShow();
    expect(c.state).toBe('open');
    expect(rec.count('onReconnecting')).toBe(0);
  });
});

describe('network events and platform rules', () => {
  function withNetwork(base: PlatformAdapter) {
    let cb: ((online: boolean) => void) | undefined;
    const adapter: PlatformAdapter = {
      ...base,
      connect: base.connect.bind(base),
      request: base.request.bind(base),
      onNetworkChange: (f) => ((cb = f), () => (cb = undefined)),
    };
    return { adapter, set: (online: boolean) => cb?.(online) };
  }

  it('offline pauses attempts (none burnt); online reconnects at once', async () => {
    const { createNodeAdapter } = await import('../src/platforms/node.js');
    const WebSocket = (await import('ws')).default;
    const net = withNetwork(createNodeAdapter({ WebSocket }));
    const c = make({
      platform: net.adapter,
      autoReconnectNumMax: 2,
      autoReconnectInterval: 60_000,
      autoReconnectMaxDelay: 60_000,
    });
    const rec = record(c);
    await c.open({ user: 'alice', accessToken: 'tok-alice' });
    net.set(false);
    server.dropAll();
    await until(() => c.state === 'reconnecting', 'reconnecting');
    await pause(100);
    expect(rec.count('onReconnecting')).toBe(0);
    net.set(true);
    await until(() => rec.count('onConnected') === 2, 'reconnected at once', 2000);
    expect(rec.names()).toContain('onOffline');
    expect(rec.names()).toContain('onOnline');
  });

  it('refuses to exceed the platform socket limit with SOCKET_LIMIT, and frees the slot on close', async () => {
    const { createNodeAdapter } = await import('../src/platforms/node.js');
    const WebSocket = (await import('ws')).default;
    const base = createNodeAdapter({ WebSocket });
    const one: PlatformAdapter = {
      ...base,
      name: 'alipay',
      socketRule: { maxSockets: 1, newClosesOld: true },
      connect: base.connect.bind(base),
      request: base.request.bind(base),
    };
    const a = make({ platform: one });
    const b = make({ platform: one });
    await a.open({ user: 'alice', accessToken: 'tok-alice' });
    await expect(b.open({ user: 'bob', accessToken: 'tok-bob' })).rejects.toMatchObject({
      type: 'SOCKET_LIMIT',
      details: { platform: 'alipay', maxSockets: 1 },
    });
    expect(socketsInUse('alipay')).toBe(1);
    await a.close();
    expect(socketsInUse('alipay')).toBe(0);
    await b.open({ user: 'bob', accessToken: 'tok-bob' });
    expect(b.isOpened()).toBe(true);
  });

  it('a reconnect reuses the device id, so the server replaces the old session', async () => {
    const c = make({ deviceId: 'phone-1' });
    const rec = record(c);
    await c.open({ user: 'alice', accessToken: 'tok-alice' });
    server.frozen = true;
    await until(() => c.state === 'reconnecting', 'dead', 2000);
    server.frozen = false;
    await until(() => rec.count('onConnected') === 2, 'back');
    await until(() => server.of('alice').length === 1, 'old session replaced');
    expect(server.of('alice')[0].deviceId).toBe('phone-1');
  });
});

describe('token expiry', () => {
  it('warns when 20% of the validity is left, then says expired', async () => {
    server.tokenExpiresAt = Date.now() + 500;
    const c = make();
    const rec = record(c);
    await c.open({ user: 'alice', accessToken: 'tok-alice' });
    await until(() => rec.count('onTokenWillExpire') === 1, 'will expire', 1000);
    expect(rec.count('onTokenExpired')).toBe(0);
    await until(() => rec.count('onTokenExpired') === 1, 'expired', 1500);
  });

  it('renewToken() is used by the next reconnect', async () => {
    const c = make();
    await c.open({ user: 'alice', accessToken: 'tok-alice' });
    await expect(c.renewToken('tok-alice2')).resolves.toMatchObject({ status: true, token: 'tok-alice2' });
    server.dropAll();
    await until(() => server.of('alice2').length === 1, 'reconnected with the new token');
  });
});

function msgTo(to: string) {
  return { id: `x${Math.random()}`, type: 'txt' as const, chatType: 'singleChat' as const, to, msg: 'hi', time: 0 };
}
