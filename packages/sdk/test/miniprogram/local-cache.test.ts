/**
 * `connection.localCache` on every platform's single-file build: in memory by default (nothing
 * written to storage), persisted through the platform's storage with a byte cap when asked, loaded
 * back after a restart, and a storage that refuses writes (WeChat throws past 10 MB) never gets in
 * the way of messaging.
 */
import SDK from '@pigeon/sdk';
import { describe, expect, it } from 'vitest';
import { selectedPlatforms } from '../runtimes/index.js';
import { until } from '../runtimes/wait.js';
import { sendFrom, useE2e } from './e2e.js';

const { users, options, nodeUser, mini, miniUser } = useE2e();

const cacheKey = (storage: Map<string, unknown>) => [...storage.keys()].find((k) => k.endsWith(':conversations'));
/** WeChat-shaped storage keeps the string itself; Alipay's too (under { key, data }). */
const stored = (storage: Map<string, unknown>): string => String(storage.get(cacheKey(storage) ?? '') ?? '');

describe.each(selectedPlatforms())('%s: local conversation cache', (platform) => {
  it('is kept in memory by default: unread and last message per conversation, nothing in storage', async () => {
    const m = mini(platform);
    const [me, bob, carol] = await users(3);
    const b = await nodeUser(bob);
    const c = await nodeUser(carol);
    const phone = await miniUser(m, me);
    await sendFrom(b.conn, SDK, me, 'one');
    await sendFrom(b.conn, SDK, me, 'two');
    await sendFrom(c.conn, SDK, me, 'three');
    await until(() => phone.inbox.length === 3, 'received');
    await sendFrom(phone.conn, m.SDK, carol, 'reply');
    const list = (await phone.conn.localCache.getLocalConversations()).data;
    expect(list.map((x) => [x.conversationId, x.unReadCount, (x.lastMessage as { msg: string }).msg])).toEqual([
      [carol, 1, 'reply'],
      [bob, 2, 'two'],
    ]);
    await phone.conn.close();
    expect(cacheKey(m.runtime.storage)).toBeUndefined();
  });

  it('with persistLocalCache: written through storage under the byte cap, and there again after a restart', async () => {
    const m = mini(platform);
    const peers = await users(6);
    const me = peers.pop() as string;
    const maxBytes = 1500;
    const phone = await miniUser(m, me, { persistLocalCache: true, localCacheMaxBytes: maxBytes });
    for (const [i, peer] of peers.entries()) {
      const p = await nodeUser(peer);
      await sendFrom(p.conn, SDK, me, `message ${i} ${'x'.repeat(60)}`);
      await until(() => phone.inbox.length === i + 1, `message ${i}`);
    }
    await until(() => stored(m.runtime.storage).includes(peers[peers.length - 1]), 'written shortly after');
    const json = stored(m.runtime.storage);
    expect(Buffer.byteLength(json)).toBeLessThanOrEqual(maxBytes);
    const kept = (JSON.parse(json) as { conversationId: string }[]).map((x) => x.conversationId);
    expect(kept[0]).toBe(peers[peers.length - 1]); // the most recent first; the oldest left out
    expect(kept).not.toContain(peers[0]);
    await phone.conn.close();
    // The mini-program restarts: a new connection on the same storage shows the list at once.
    const again = new m.SDK.connection(options({ persistLocalCache: true }));
    await again.open({ user: me, pwd: `pw-${me}` });
    const list = (await again.localCache.getLocalConversations()).data;
    expect(list.map((x) => x.conversationId)).toEqual(kept);
    await again.close();
  });

  it('a storage that refuses every write (quota) never breaks messaging', async () => {
    const m = mini(platform, { storageQuotaBytes: 64 });
    const [me, peer] = await users(2);
    const node = await nodeUser(peer);
    const phone = await miniUser(m, me, { persistLocalCache: true });
    for (let i = 0; i < 3; i++) {
      await sendFrom(node.conn, SDK, me, `in ${i}`);
      await sendFrom(phone.conn, m.SDK, peer, `out ${i}`);
    }
    await until(() => phone.inbox.length === 3 && node.inbox.length === 3, 'both ways');
    await until(() => m.runtime.stats.storageRefused > 0, 'storage refused a write');
    await phone.conn.close(); // flushes: refused again, quietly
    expect(cacheKey(m.runtime.storage)).toBeUndefined();
    const list = (await phone.conn.localCache.getLocalConversations()).data;
    expect(list).toMatchObject([{ conversationId: peer, unReadCount: 3 }]);
  });
});
