/**
 * Each platform's single-file build, loaded as a mini-program loads it (vm context, only the
 * platform global), against a REAL Pigeon server and a Node SDK user: login and chat, a network
 * drop, a background/foreground cycle, the platform's socket limit, a clean user switch.
 * PIGEON_PLATFORMS=wechat,alipay narrows the platforms.
 */
import SDK from '@pigeon/sdk';
import { describe, expect, it } from 'vitest';
import { selectedPlatforms } from '../runtimes/index.js';
import { pause, until } from '../runtimes/wait.js';
import { sendFrom, useE2e } from './e2e.js';
import { hideApp, showApp } from './harness.js';

const { users, options, nodeUser, mini, miniUser } = useE2e();

describe.each(selectedPlatforms())('%s mini-program build', (platform) => {
  it('loads with only its platform global, logs in and chats with a Node user', async () => {
    const m = mini(platform);
    expect(typeof m.SDK.connection).toBe('function');
    const [me, peer] = await users(2);
    const node = await nodeUser(peer);
    const phone = await miniUser(m, me);
    expect(phone.conn.state).toBe('open');
    await sendFrom(node.conn, SDK, me, 'hello from node');
    await until(() => phone.inbox.length === 1, 'mini-program received');
    expect(phone.inbox[0]).toEqual({ from: peer, msg: 'hello from node' });
    await sendFrom(phone.conn, m.SDK, peer, `hello from ${platform}`);
    await until(() => node.inbox.length === 1, 'node received');
    expect(node.inbox[0]).toEqual({ from: me, msg: `hello from ${platform}` });
    expect(m.leakedGlobals()).toEqual([]);
  });

  it('survives a silent network drop and syncs what it missed', async () => {
    const m = mini(platform);
    const [me, peer] = await users(2);
    const node = await nodeUser(peer);
    const phone = await miniUser(m, me);
    m.runtime.dropNetwork({ silent: true });
    await sendFrom(node.conn, SDK, me, 'missed 1');
    await sendFrom(node.conn, SDK, me, 'missed 2');
    await pause(300);
    m.runtime.restoreNetwork({ notify: true });
    await until(() => phone.inbox.length === 2, 'missed messages synced', 15_000);
    expect(phone.inbox.map((t) => t.msg)).toEqual(['missed 1', 'missed 2']);
    await sendFrom(phone.conn, m.SDK, peer, 'back online');
    await until(() => node.inbox.some((t) => t.msg === 'back online'), 'sent after reconnect');
    expect(m.runtime.stats.maxConcurrent).toBe(1);
  });

  it('reconnects at once on show after the platform cut its socket in the background', async () => {
    const m = mini(platform, { backgroundSocketCloseMs: 100, backgroundDrop: 'silent' });
    const [me, peer] = await users(2);
    const node = await nodeUser(peer);
    // A long backoff: a reconnect that waited for it instead of going at once on show would take seconds.
    const phone = await miniUser(m, me, { autoReconnectInterval: 20_000, autoReconnectMaxDelay: 60_000 });
    hideApp(m);
    await until(() => m.runtime.sockets.size === 0, 'socket cut in background');
    await sendFrom(node.conn, SDK, me, 'while hidden');
    await pause(200);
    expect(phone.inbox).toEqual([]);
    const shownAt = Date.now();
    showApp(m);
    await until(() => phone.inbox.length === 1, 'synced on show', 15_000);
    // The SDK checked its socket on show and reconnected at once instead of after the 20 s backoff.
    expect(Date.now() - shownAt).toBeLessThan(15_000);
    expect(phone.inbox[0].msg).toBe('while hidden');
    expect(phone.conn.state).toBe('open');
    expect(m.runtime.stats.maxConcurrent).toBe(1);
  });

  it('tolerates a background longer than the heartbeat when the socket survives it', async () => {
    // uni-app's native app keeps sockets for minutes; the JS timers still stop while hidden.
    const m = mini(platform, { backgroundSocketCloseMs: 60_000 });
    const [me, peer] = await users(2);
    const node = await nodeUser(peer);
    const phone = await miniUser(m, me);
    hideApp(m);
    await sendFrom(node.conn, SDK, me, 'sent while suspended');
    await pause(2500); // > 2 heartbeats of 1 s: no ping went out meanwhile
    expect(phone.inbox).toEqual([]);
    showApp(m);
    await until(() => phone.inbox.length === 1, 'delivered after show', 10_000);
    await sendFrom(phone.conn, m.SDK, peer, 'awake');
    await until(() => node.inbox.some((t) => t.msg === 'awake'), 'sent after show');
    expect(phone.inbox.map((t) => t.msg)).toEqual(['sent while suspended']);
  });

  it('refuses a connection over the platform socket limit with SOCKET_LIMIT', async () => {
    const m = mini(platform);
    const rule = platform.startsWith('alipay') ? 1 : 5;
    const names = await users(rule + 1);
    const open = [];
    for (const u of names.slice(0, rule)) open.push(await miniUser(m, u));
    const opened = m.runtime.stats.opened;
    const extra = new m.SDK.connection(options());
    const err = (await extra.open({ user: names[rule], pwd: `pw-${names[rule]}` }).catch((e: unknown) => e)) as {
      type?: string;
      details?: { platform?: string; maxSockets?: number; rule?: string };
    };
    expect(err.type).toBe('SOCKET_LIMIT');
    expect(err.details).toMatchObject({ platform: platform.replace('-legacy', ''), maxSockets: rule });
    expect(err.details?.rule).toMatch(/WebSocket/);
    expect(m.runtime.stats.opened).toBe(opened); // the platform was never asked for a socket
    expect(m.runtime.stats.refused).toBe(0);
    // The connections already open still work (on Alipay, no new socket killed the old one).
    const node = await nodeUser((await users(1))[0]);
    await sendFrom(open[0].conn, m.SDK, (node.conn as unknown as { user: string }).user, 'still here');
    await until(() => node.inbox.length === 1, 'first connection still works');
  });

  it('close() resolves only when the socket is closed, then the next user opens', async () => {
    const m = mini(platform);
    const [a, b, peer] = await users(3);
    const node = await nodeUser(peer);
    const first = await miniUser(m, a);
    await first.conn.close();
    expect(m.runtime.sockets.size).toBe(0);
    expect(first.conn.state).toBe('closed');
    const second = await miniUser(m, b);
    expect(m.runtime.sockets.size).toBe(1);
    await sendFrom(node.conn, SDK, b, 'hi b');
    await until(() => second.inbox.length === 1, 'second user received');
    expect(first.inbox).toEqual([]);
    // The same connection object can switch user too: open() closes the old socket first.
    await second.conn.open({ user: a, pwd: `pw-${a}` });
    expect(m.runtime.stats.maxConcurrent).toBe(1);
  });
});
