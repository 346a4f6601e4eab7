/**
 * One socket per connection, on every platform's single-file build: the old socket is really
 * closed before the next one opens, whether the link died silently (found by the heartbeat), the
 * server said goaway, or the app came back from a background that left its socket half-open.
 * The simulated platforms report those closes late (closeDelayMs, stalledCloseMs), as phones do,
 * so a reconnect that did not wait would hold two sockets (WeChat/ByteDance count both; on Alipay
 * the late close would land on the new socket).
 */
import SDK from '@pigeon/sdk';
import { describe, expect, it } from 'vitest';
import { selectedPlatforms } from '../runtimes/index.js';
import { pause, until } from '../runtimes/wait.js';
import { sendFrom, useE2e } from './e2e.js';
import { hideApp, showApp } from './harness.js';

const { users, nodeUser, mini, miniUser } = useE2e();

describe.each(selectedPlatforms())('%s: one socket per connection', (platform) => {
  it('closes the old socket before opening the next across a dead link, a goaway and a hide/show', async () => {
    const m = mini(platform, {
      closeDelayMs: 600,
      stalledCloseMs: 600,
      backgroundSocketCloseMs: 100,
      backgroundDrop: 'stall',
    });
    const [me, peer] = await users(2);
    const node = await nodeUser(peer);
    // Reconnect delays far shorter than the platform's close: only waiting for the close keeps it to one socket.
    const phone = await miniUser(m, me, { autoReconnectInterval: 50, autoReconnectMaxDelay: 100 });
    let round = 0;
    const reconnectedAndChatting = async (what: string, sockets: number) => {
      await until(() => m.runtime.stats.opened === sockets && phone.conn.state === 'open', what, 15_000);
      const n = ++round;
      await sendFrom(node.conn, SDK, me, `to phone ${n}`);
      await until(() => phone.inbox.some((t) => t.msg === `to phone ${n}`), `${what}: received`, 10_000);
      await sendFrom(phone.conn, m.SDK, peer, `to node ${n}`);
      await until(() => node.inbox.some((t) => t.msg === `to node ${n}`), `${what}: sent`, 10_000);
    };

    m.runtime.stallSockets(); // the link dies without a word: the heartbeat has to find out
    await reconnectedAndChatting('reconnected after a dead link', 2);

    m.runtime.injectFrame({ ev: 'goaway', d: { reason: 'draining', retryAfterMs: 0 } });
    await reconnectedAndChatting('reconnected after goaway', 3);

    hideApp(m);
    await pause(300); // the platform leaves the socket half-open in the background
    showApp(m);
    await reconnectedAndChatting('reconnected on show', 4);

    expect(m.runtime.stats.maxConcurrent).toBe(1);
    expect(m.runtime.stats.refused).toBe(0);
  });
});
