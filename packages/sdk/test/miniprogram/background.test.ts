/**
 * Long backgrounds on the simulated clock (user-complaints items 1-7): WeChat and the other
 * mini-programs cut sockets about 5 s after the app is hidden, uni-app's native app after a few
 * minutes, and JS timers stop meanwhile. The runtime's clock is skipped forward while hidden, so
 * "6 s" or "4 min" take milliseconds. Reconnect backoff is set to days (full jitter: a delay drawn
 * uniformly below it), so a reconnect that waited for its backoff would, but for a 1 in 100,000
 * chance, not come within the test: reconnecting at all shows that it went at once on show.
 */
import SDK from '@pigeon/sdk';
import { describe, expect, it } from 'vitest';
import { selectedPlatforms } from '../runtimes/index.js';
import { until } from '../runtimes/wait.js';
import { sendFrom, useE2e } from './e2e.js';
import { hideApp, showApp, type LoadedMiniProgram } from './harness.js';

const { users, nodeUser, mini, miniUser } = useE2e();

/** Backoff far longer than any test waits (about 11.6 days): only an immediate reconnect can succeed. */
const SLOW_BACKOFF = { autoReconnectInterval: 1e9, autoReconnectMaxDelay: 1e9 };
const MINI_PROGRAMS = selectedPlatforms().filter((p) => p !== 'uniapp');

async function hiddenFor(m: LoadedMiniProgram, ms: number, meanwhile: () => Promise<unknown>): Promise<void> {
  hideApp(m);
  m.runtime.advance(ms);
  await meanwhile();
  showApp(m);
}

async function chatting(platform: Parameters<typeof mini>[0], sim = {}) {
  const m = mini(platform, sim);
  const [me, peer] = await users(2);
  const node = await nodeUser(peer);
  const phone = await miniUser(m, me, SLOW_BACKOFF);
  return { m, me, peer, node, phone };
}

describe.each(MINI_PROGRAMS)('%s: hidden longer than the 5 s background cut', (platform) => {
  it.each(['close', 'silent'] as const)(
    'the cut socket (%s) is replaced at once on show and what was missed is synced',
    async (backgroundDrop) => {
      const { m, me, peer, node, phone } = await chatting(platform, { backgroundDrop });
      await hiddenFor(m, 6_000, async () => {
        await until(() => m.runtime.sockets.size === 0, 'socket cut in the background');
        await sendFrom(node.conn, SDK, me, 'while hidden');
      });
      await until(() => phone.inbox.length === 1, 'synced on show, without waiting for a backoff', 10_000);
      expect(phone.inbox[0].msg).toBe('while hidden');
      expect(m.runtime.stats.opened).toBe(2);
      await sendFrom(phone.conn, m.SDK, peer, 'back');
      await until(() => node.inbox.some((t) => t.msg === 'back'), 'sent after show');
      expect(m.runtime.stats.maxConcurrent).toBe(1);
    },
  );
});

describe.runIf(selectedPlatforms().includes('uniapp'))('uniapp (native app): the several-minute cut', () => {
  it('30 s hidden: the socket survives, the paused heartbeat is not held against it, pushes arrive on show', async () => {
    const { m, me, node, phone } = await chatting('uniapp');
    await hiddenFor(m, 30_000, () => sendFrom(node.conn, SDK, me, 'while hidden'));
    await until(() => phone.inbox.length === 1, 'push delivered on show');
    // The probe on show got its answer on the same socket: no reconnect.
    await until(() => m.runtime.sockets.size === 1 && phone.conn.state === 'open', 'still open');
    expect(m.runtime.stats.opened).toBe(1);
    await sendFrom(phone.conn, m.SDK, node.conn.user, 'awake');
    await until(() => node.inbox.some((t) => t.msg === 'awake'), 'sent on the same socket');
    expect(m.runtime.stats.opened).toBe(1);
  });

  it('2 min hidden: the server dropped the idle socket unheard (90 s); on show it reconnects at once and syncs', async () => {
    // The server drops sockets silent for idleTimeoutMs (90 s); the app, frozen, hears nothing: half-open.
    const { m, me, node, phone } = await chatting('uniapp', {
      backgroundSocketCloseMs: 90_000,
      backgroundDrop: 'stall',
    });
    await hiddenFor(m, 120_000, () => sendFrom(node.conn, SDK, me, 'while hidden'));
    await until(() => m.runtime.stats.opened === 2 && phone.conn.state === 'open', 'reconnected at once', 10_000);
    await until(() => phone.inbox.length === 1, 'synced');
    expect(phone.inbox.map((t) => t.msg)).toEqual(['while hidden']);
    expect(m.runtime.stats.maxConcurrent).toBe(1);
  });

  it('4 min hidden: the app cut the socket at 3 min; on show it reconnects at once and syncs', async () => {
    const { m, me, node, phone } = await chatting('uniapp', { backgroundDrop: 'silent' });
    await hiddenFor(m, 240_000, async () => {
      await until(() => m.runtime.sockets.size === 0, 'socket cut after minutes');
      await sendFrom(node.conn, SDK, me, 'while hidden');
    });
    await until(() => phone.inbox.length === 1, 'synced on show, without waiting for a backoff', 10_000);
    expect(m.runtime.stats.opened).toBe(2);
    expect(m.runtime.stats.maxConcurrent).toBe(1);
  });
});
