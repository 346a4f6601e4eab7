/**
 * The session closes its old socket, and waits for the close, before it opens the next one: after
 * a socket went silent, after goaway and after a connect attempt failed. The adapter here reports
 * every close late (as phones do) and counts sockets from connect() until their close is reported.
 */
import WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection, PlatformAdapter } from '../src/core/index.js';
import { createNodeAdapter } from '../src/platforms/node.js';
import { client, record, until } from './support/client.js';
import { FakePigeonServer } from './support/fake-pigeon-server.js';

const LATE_CLOSE_MS = 150;

/** The node adapter, with closes reported LATE_CLOSE_MS late and a count of sockets held at once. */
function countingAdapter() {
  const base = createNodeAdapter({ WebSocket });
  const stats = { live: 0, max: 0, opened: 0 };
  const adapter: PlatformAdapter = {
    ...base,
    name: 'bytedance',
    scope: stats,
    connect(url, h) {
      stats.opened++;
      stats.max = Math.max(stats.max, ++stats.live);
      return base.connect(url, {
        ...h,
        onClose: (code, reason) =>
          void setTimeout(() => {
            stats.live--;
            h.onClose(code, reason);
          }, LATE_CLOSE_MS),
      });
    },
  };
  return { adapter, stats };
}

let server: FakePigeonServer;
let conn: Connection | undefined;

beforeEach(async () => {
  server = await new FakePigeonServer().start();
});
afterEach(async () => {
  await conn?.close();
  conn = undefined;
  await server.stop();
});

async function connected() {
  const { adapter, stats } = countingAdapter();
  conn = client(server, { platform: adapter, closeTimeout: 1000 });
  const rec = record(conn);
  await conn.open({ user: 'alice', accessToken: 'tok-alice' });
  return { c: conn, rec, stats };
}

describe('one socket per connection: the old one is closed before the next opens', () => {
  it('after the socket went silent (heartbeat)', async () => {
    const { rec, stats } = await connected();
    server.frozen = true;
    await until(() => stats.opened === 2, 'reconnect attempt', 3000);
    server.frozen = false;
    await until(() => rec.count('onConnected') === 2, 'reconnected', 3000);
    expect(stats.max).toBe(1);
  });

  it('after goaway', async () => {
    const { rec, stats } = await connected();
    server.goaway(0);
    await until(() => rec.count('onConnected') === 2, 'reconnected', 3000);
    expect(stats.max).toBe(1);
  });

  it('after a reconnect attempt whose auth got no reply', async () => {
    const { rec, stats } = await connected();
    let swallowed = 0;
    server.onRequest = (_s, f) => (f.op === 'auth' && swallowed++ === 0 ? 'swallow' : undefined);
    server.closeAll(4006);
    await until(() => rec.count('onConnected') === 2, 'reconnected after a timed-out auth', 5000);
    expect(swallowed).toBeGreaterThanOrEqual(2);
    expect(stats.opened).toBe(3);
    expect(stats.max).toBe(1);
  });

  it('close() right after a goaway still resolves only once every socket is closed', async () => {
    const { c, stats } = await connected();
    server.goaway(5000);
    await until(() => c.state === 'reconnecting', 'goaway seen');
    await c.close();
    expect(stats.live).toBe(0);
  });
});
