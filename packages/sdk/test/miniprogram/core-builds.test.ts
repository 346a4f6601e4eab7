/**
 * The core-chat single-file builds (pigeon-<platform>-core.js), loaded as a mini-program loads
 * them (vm context, only the platform global), against a REAL Pigeon server and a Node SDK user:
 * login and chat, a silent network drop, a clean user switch. They carry no feature family:
 * their `connection` has no group, chatroom, contact or file method.
 * PIGEON_PLATFORMS=wechat,alipay narrows the platforms.
 */
import SDK from '@pigeon/sdk';
import { describe, expect, it } from 'vitest';
import { selectedPlatforms } from '../runtimes/index.js';
import { pause, until } from '../runtimes/wait.js';
import { sendFrom, useE2e } from './e2e.js';

const { users, nodeUser, mini, miniUser } = useE2e();

describe.each(selectedPlatforms())('%s core-chat build', (platform) => {
  it('loads with only its platform global, logs in and chats with a Node user', async () => {
    const m = mini(platform, {}, true);
    const [me, peer] = await users(2);
    const node = await nodeUser(peer);
    const phone = await miniUser(m, me);
    expect(phone.conn.state).toBe('open');
    await sendFrom(node.conn, SDK, me, 'hello core');
    await until(() => phone.inbox.length === 1, 'mini-program received');
    expect(phone.inbox[0]).toEqual({ from: peer, msg: 'hello core' });
    await sendFrom(phone.conn, m.SDK, peer, `hello from ${platform} core`);
    await until(() => node.inbox.length === 1, 'node received');
    expect(node.inbox[0]).toEqual({ from: me, msg: `hello from ${platform} core` });
    expect(m.leakedGlobals()).toEqual([]);
  });

  it('has no group, chatroom, contact or file methods, nor a local conversation list', () => {
    const m = mini(platform, {}, true);
    const proto = m.SDK.connection.prototype as unknown as Record<string, unknown>;
    for (const name of ['createGroup', 'joinChatRoom', 'addContact', 'addUsersToGroupAllowlist', 'uploadFile'])
      expect(proto[name], name).toBeUndefined();
    expect('localCache' in new m.SDK.connection({ appKey: 'o#a', url: 'wss://im.example.com/ws' })).toBe(false);
    expect(typeof proto.getHistoryMessages).toBe('function');
    expect(typeof proto.recallMessage).toBe('function');
    expect(typeof proto.getServerConversations).toBe('function');
  });

  it('refuses a media message that needs an upload with INVALID_ARGUMENT, and sends one with a url', async () => {
    const m = mini(platform, {}, true);
    const [me, peer] = await users(2);
    const node = await nodeUser(peer);
    const phone = await miniUser(m, me);
    const img = (extra: Record<string, unknown>) =>
      m.SDK.message.create({ type: 'img', chatType: 'singleChat', to: peer, ...extra });
    const err = (await phone.conn
      .send(img({ file: { url: 'wxfile://tmp/a.png', filename: 'a.png' } }))
      .catch((e: unknown) => e)) as { type?: string; message?: string };
    expect(err.type).toBe('INVALID_ARGUMENT');
    expect(err.message).toMatch(/url/);
    const got: string[] = [];
    node.conn.addEventHandler('img', { onImageMessage: (msg) => void got.push(msg.url ?? '') });
    await phone.conn.send(img({ url: 'https://cdn.example.com/a.png' }));
    await until(() => got.length === 1, 'node received the image');
    expect(got).toEqual(['https://cdn.example.com/a.png']);
  });

  it('survives a silent network drop and syncs what it missed', async () => {
    const m = mini(platform, {}, true);
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

  it('close() resolves only when the socket is closed, then the next user opens', async () => {
    const m = mini(platform, {}, true);
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
    await second.conn.open({ user: a, pwd: `pw-${a}` });
    expect(m.runtime.stats.maxConcurrent).toBe(1);
  });
});
