import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'node:net';
import { startTestServer, type TestServer } from './helpers/server.js';
import { RawClient } from './helpers/ws-client.js';

describe('slow consumer', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({
      limits: { sendBufferBytes: 256 * 1024, sendsPerSecond: 100_000, maxMessageBytes: 60_000 },
    });
    await s.createUsers(['fast', 'slow']);
  });
  afterAll(() => s.close());

  it('a client that stops reading is closed with 4006 once its unsent output passes the limit; the sender is unaffected', async () => {
    const slow = await RawClient.login(s.wsUrl, 'pigeon#demo', await s.tokenFor('slow'));
    const fast = await RawClient.login(s.wsUrl, 'pigeon#demo', await s.tokenFor('fast'));
    (slow.ws as unknown as { _socket: Socket })._socket.pause(); // stop reading: the kernel buffers fill, then the server's
    const appId = (await s.core.apps.get('pigeon#demo')).id;
    const text = 'x'.repeat(50_000);
    let closedAt = -1;
    for (let i = 0; i < 400 && closedAt < 0; i++) {
      await fast.ok('msg.send', { msg: { type: 'txt', chat: 'single', to: 'slow', cid: `big-${i}`, body: { text } } });
      if (!s.core.hub.isOnline(appId, 'slow')) closedAt = i; // the server gave up on it
    }
    expect(closedAt).toBeGreaterThan(0);
    // Reading again, the client drains what was queued and then finds the close frame.
    (slow.ws as unknown as { _socket: Socket })._socket.resume();
    expect((await slow.closed).code).toBe(4006);
    expect((await fast.ok('ping')).t).toBeGreaterThan(0);
    fast.close();
  }, 60_000);
});
