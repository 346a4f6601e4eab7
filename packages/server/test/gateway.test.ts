import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';
import { RawClient, txt } from './helpers/ws-client.js';

describe('gateway frames and session', () => {
  let s: TestServer;
  const login = async (user: string, opts?: { platform?: string; deviceId?: string }) =>
    RawClient.login(s.wsUrl, 'pigeon#demo', await s.tokenFor(user), opts);
  beforeAll(async () => {
    s = await startTestServer({
      limits: {
        authTimeoutMs: 1000,
        idleTimeoutMs: 1500,
        maxFrameBytes: 8 * 1024,
        sendsPerSecond: 5,
        maxBadFrames: 20,
      },
    });
    await s.createUsers(['alice', 'bob']);
  });
  afterAll(() => s.close());

  it('auth reply carries user, session, server time, idle timeout, limits and token expiry', async () => {
    const c = await RawClient.open(s.wsUrl);
    const r = await c.request('auth', {
      v: 1,
      appKey: 'pigeon#demo',
      token: await s.tokenFor('alice'),
      platform: 'web',
      deviceId: 'd-1',
      sdk: 'test/1',
    });
    expect(r.d).toMatchObject({
      user: 'alice',
      deviceId: 'd-1',
      sessionId: expect.any(String),
      idleTimeoutMs: 1500,
      limits: { maxFrameBytes: 8192, maxMessageBytes: 32768, sendsPerSecond: 5 },
    });
    expect(Math.abs(r.d.serverTime - Date.now())).toBeLessThan(5000);
    expect((await c.ok('ping')).t).toEqual(expect.any(Number));
    c.close();
  });

  it('an op before auth gets NOT_AUTHENTICATED and the connection stays open', async () => {
    const c = await RawClient.open(s.wsUrl);
    const r = await c.request('conv.list', {});
    expect(r.err).toMatchObject({ name: 'NOT_AUTHENTICATED', code: 2001, retryable: false });
    const a = await c.request('auth', {
      v: 1,
      appKey: 'pigeon#demo',
      token: await s.tokenFor('alice'),
      platform: 'web',
      deviceId: 'd-2',
    });
    expect(a.d.user).toBe('alice');
    const again = await c.request('auth', {
      v: 1,
      appKey: 'pigeon#demo',
      token: await s.tokenFor('alice'),
      platform: 'web',
      deviceId: 'd-2',
    });
    expect(again.err.name).toBe('ALREADY_AUTHENTICATED');
    expect((await c.ok('ping')).t).toBeGreaterThan(0);
    c.close();
  });

  it('a wrong protocol version gets UNSUPPORTED_VERSION then close 4001; a bad token TOKEN_INVALID then 4001', async () => {
    const c = await RawClient.open(s.wsUrl);
    const r = await c.request('auth', {
      v: 2,
      appKey: 'pigeon#demo',
      token: await s.tokenFor('alice'),
      platform: 'web',
      deviceId: 'd',
    });
    expect(r.err.name).toBe('UNSUPPORTED_VERSION');
    expect((await c.closed).code).toBe(4001);
    const c2 = await RawClient.open(s.wsUrl);
    const r2 = await c2.request('auth', { v: 1, appKey: 'pigeon#demo', token: 'junk', platform: 'web', deviceId: 'd' });
    expect(r2.err.name).toBe('TOKEN_INVALID');
    expect((await c2.closed).code).toBe(4001);
  });

  it('an auth frame with a wrong field type gets BAD_REQUEST with details.path, then 4001', async () => {
    const c = await RawClient.open(s.wsUrl);
    const r = await c.request('auth', {
      v: 1,
      appKey: 'pigeon#demo',
      token: 'x',
      platform: 'commodore64',
      deviceId: 'd',
    });
    expect(r.err).toMatchObject({ name: 'BAD_REQUEST', details: { path: '/platform' } });
    expect((await c.closed).code).toBe(4001);
  });

  it('no auth frame within authTimeoutMs: close 4002', async () => {
    const c = await RawClient.open(s.wsUrl);
    const closed = await c.closed;
    expect(closed.code).toBe(4002);
  });

  it('silent for idleTimeoutMs: close 4004; pings keep a connection alive', async () => {
    const quiet = await login('alice');
    const chatty = await login('bob');
    const timer = setInterval(() => chatty.send({ id: chatty.nextId(), op: 'ping' }), 300);
    expect((await quiet.closed).code).toBe(4004);
    await new Promise((r) => setTimeout(r, 1000));
    clearInterval(timer);
    expect(chatty.ws.readyState).toBe(chatty.ws.OPEN);
    chatty.close();
  });

  it('malformed JSON, binary, id-less and array frames get BAD_FRAME with re 0; the connection and others stay up', async () => {
    const c = await login('alice');
    const other = await login('bob');
    for (const raw of ['{not json', '[1,2]', '{"op":"ping"}', '{"id":-1,"op":"ping"}', '"hello"']) c.send(raw);
    c.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    const zero = await c.until(() => {
      const f = c.frames.filter((x) => x.re === 0);
      return f.length === 6 ? f : undefined;
    });
    for (const f of zero) expect(f.err).toMatchObject({ name: 'BAD_FRAME', code: 1001 });
    expect((await c.ok('ping')).t).toBeGreaterThan(0);
    expect((await other.ok('ping')).t).toBeGreaterThan(0);
    c.close();
    other.close();
  });

  it('an unknown op gets UNKNOWN_OP; a frame with id but no op gets BAD_FRAME with that id', async () => {
    const c = await login('alice');
    expect((await c.request('msg.teleport', {})).err).toMatchObject({ name: 'UNKNOWN_OP', code: 1002 });
    c.send({ id: 77 });
    expect((await c.reply(77)).err.name).toBe('BAD_FRAME');
    c.close();
  });

  it('wrong field types in every op get BAD_REQUEST with details.path', async () => {
    const c = await login('alice');
    const cases: Array<[string, unknown, string]> = [
      ['msg.pull', { conv: 's:alice:bob', afterSeq: 'zero' }, '/afterSeq'],
      ['msg.pull', { afterSeq: 0 }, '/conv'],
      ['msg.history', { conv: 's:alice:bob', beforeSeq: -1 }, '/beforeSeq'],
      ['msg.recall', { conv: 's:alice:bob', id: 5 }, '/id'],
      ['msg.delivered', { conv: 's:alice:bob' }, '/id'],
      ['conv.read', { conv: 's:alice:bob', seq: 1.5 }, '/seq'],
      ['conv.list', { limit: 0 }, '/limit'],
      ['conv.delete', { conv: 's:alice:bob', deleteRoam: 'yes' }, '/deleteRoam'],
      ['sync.positions', { cursor: 5 }, '/cursor'],
      ['msg.send', { msg: 'hi' }, '/msg'],
      ['msg.send', { msg: { type: 'txt', chat: 'single', to: 'bob', cid: 'c1', body: { text: 5 } } }, '/msg/body/text'],
      [
        'msg.send',
        { msg: { type: 'loc', chat: 'single', to: 'bob', cid: 'c1', body: { lat: 'north', lng: 1 } } },
        '/msg/body/lat',
      ],
      ['msg.send', { msg: { type: 'gif', chat: 'single', to: 'bob', cid: 'c1', body: {} } }, '/msg/type'],
      ['msg.pull', { conv: 'nonsense', afterSeq: 0 }, '/conv'],
    ];
    for (const [op, d, path] of cases) {
      const r = await c.request(op, d);
      expect(r.err, `${op} ${JSON.stringify(d)}`).toMatchObject({ name: 'BAD_REQUEST', code: 1003, details: { path } });
    }
    c.close();
  });

  it('a frame over maxFrameBytes is refused with close 1009; another connection is unaffected', async () => {
    const c = await login('alice');
    const other = await login('bob');
    c.send({ id: 1, op: 'ping', d: { pad: 'x'.repeat(9000) } });
    expect((await c.closed).code).toBe(1009);
    expect((await other.ok('ping')).t).toBeGreaterThan(0);
    other.close();
  });

  it('20 bad frames in a row close the connection with 4005', async () => {
    const c = await login('alice');
    for (let i = 0; i < 20; i++) c.send('nope');
    expect((await c.closed).code).toBe(4005);
  });

  it('a request id reused while pending gets DUPLICATE_REQUEST_ID', async () => {
    const c = await login('alice');
    // Two sends with the same id in one go: the first is still committing when the second arrives.
    c.send({ id: 9, op: 'msg.send', d: txt('bob', 'one') });
    c.send({ id: 9, op: 'msg.send', d: txt('bob', 'two') });
    const nines = await c.until(() => {
      const f = c.frames.filter((x) => x.re === 9);
      return f.length === 2 ? f : undefined;
    });
    expect(nines[0].err.name).toBe('DUPLICATE_REQUEST_ID');
    expect(nines[1].d.seq).toBeGreaterThan(0);
    c.close();
  });

  it('sending faster than sendsPerSecond gets RATE_LIMITED with retryAfterMs; other connections are unaffected', async () => {
    const c = await login('alice');
    const replies = await Promise.all(Array.from({ length: 8 }, (_, i) => c.request('msg.send', txt('bob', `m${i}`))));
    const limited = replies.filter((r) => r.err?.name === 'RATE_LIMITED');
    expect(replies.filter((r) => r.d).length).toBe(5);
    expect(limited.length).toBe(3);
    expect(limited[0].err.retryable).toBe(true);
    expect(limited[0].err.retryAfterMs).toBeGreaterThan(0);
    const other = await login('bob');
    expect((await other.request('msg.send', txt('alice', 'fine'))).d.seq).toBeGreaterThan(0);
    c.close();
    other.close();
  });

  it('the WebSocket endpoint is /ws only: other upgrade paths are refused', async () => {
    await expect(RawClient.open(s.wsUrl.replace('/ws', '/other'))).rejects.toThrow();
  });
});
