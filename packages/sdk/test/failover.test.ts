/**
 * Several server addresses (`url` / `apiUrl` lists): the token request and the socket skip a node
 * that cannot be reached, a lost node is replaced by the next one, a draining node (goaway) is left
 * for the next one, and messages queued meanwhile go out once, on the new node.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '../src/core/index.js';
import { resolveEndpoints } from '../src/core/endpoints.js';
import { client, record, until } from './support/client.js';
import { FakePigeonServer } from './support/fake-pigeon-server.js';

let a: FakePigeonServer;
let b: FakePigeonServer;
let dead: { url: string; apiUrl: string };
const open: Connection[] = [];

const both = (...s: { url: string; apiUrl: string }[]) => ({
  url: s.map((x) => x.url),
  apiUrl: s.map((x) => x.apiUrl),
});
const make = (opts: Parameters<typeof client>[1]) => {
  const c = client(a, opts);
  open.push(c);
  return c;
};
const text = (to: string, msg: string) => ({
  id: `m-${msg}`,
  type: 'txt' as const,
  chatType: 'singleChat' as const,
  to,
  msg,
  time: 0,
});

beforeEach(async () => {
  const gone = await new FakePigeonServer().start();
  dead = { url: gone.url, apiUrl: gone.apiUrl };
  await gone.stop();
  [a, b] = await Promise.all([new FakePigeonServer().start(), new FakePigeonServer().start()]);
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  await Promise.all([a.stop(), b.stop()]);
});

describe('failover among several addresses', () => {
  it('open() skips an unreachable first address for the token and the socket alike', async () => {
    const c = make(both(dead, a, b));
    await c.open({ user: 'alice', pwd: 'pw' });
    expect(c.state).toBe('open');
    expect(a.of('alice')).toHaveLength(1);
    expect(b.of('alice')).toHaveLength(0);
  });

  it('open() fails with the last typed error when no address answers', async () => {
    const c = make({ ...both(dead, dead), autoReconnectNumMax: 0 });
    await expect(c.open({ user: 'alice', accessToken: 'tok-alice' })).rejects.toMatchObject({ type: 'NETWORK' });
    expect(c.state).toBe('closed');
  });

  it('a node that dies is replaced by the next; a send made meanwhile is stored once, on the new node', async () => {
    const c = make(both(a, b));
    const rec = record(c);
    await c.open({ user: 'alice', accessToken: 'tok-alice' });
    a.refuse = true;
    a.dropAll();
    const sent = c.send(text('bob', 'after'));
    await until(() => rec.count('onConnected') === 2, 'reconnected');
    await sent;
    expect(b.of('alice')).toHaveLength(1);
    expect(b.requests.filter((r) => r.op === 'msg.send')).toHaveLength(1);
    expect(rec.count('onDisconnected')).toBe(0);
  });

  it('goaway sends the client to the next address', async () => {
    const c = make(both(a, b));
    const rec = record(c);
    await c.open({ user: 'alice', accessToken: 'tok-alice' });
    a.goaway(0);
    await until(() => rec.count('onConnected') === 2, 'reconnected');
    expect(b.of('alice')).toHaveLength(1);
  });

  it('a fatal refusal (bad token) does not move on to the next address', async () => {
    const c = make(both(a, b));
    await expect(c.open({ user: 'alice', accessToken: 'bad' })).rejects.toMatchObject({ type: 'TOKEN_INVALID' });
    expect(b.accepted).toBe(0);
  });
});

describe('url and apiUrl lists', () => {
  it('pairs one apiUrl per url, one apiUrl for all, or derives each', () => {
    expect(resolveEndpoints(['ws://a:1/ws', 'wss://b/ws'], undefined)).toEqual([
      { url: 'ws://a:1/ws', apiUrl: 'http://a:1' },
      { url: 'wss://b/ws', apiUrl: 'https://b' },
    ]);
    expect(resolveEndpoints(['ws://a/ws', 'ws://b/ws'], 'https://lb/').map((e) => e.apiUrl)).toEqual([
      'https://lb',
      'https://lb',
    ]);
    expect(resolveEndpoints('ws://a/ws', ['http://x']).map((e) => e.apiUrl)).toEqual(['http://x']);
  });

  it.each([
    [[], undefined, 'url'],
    [['ws://a/ws', 42], undefined, 'url'],
    [['http://a'], undefined, 'url'],
    [['ws://a/ws', 'ws://b/ws'], ['http://a', 'http://b', 'http://c'], 'apiUrl'],
    [['ws://a/ws'], ['ftp://a'], 'apiUrl'],
  ])('refuses url %j with apiUrl %j: INVALID_ARGUMENT on %s', (url, apiUrl, field) => {
    expect(() => resolveEndpoints(url, apiUrl)).toThrow(
      expect.objectContaining({ type: 'INVALID_ARGUMENT', details: { field } }),
    );
  });
});
