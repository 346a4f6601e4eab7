/**
 * A 1,000-member group: one message is one stored row (read diffusion, no per-member writes), the
 * push reaches every online member (raw protocol clients, to stay light), and every offline member
 * syncs it with its own unread count.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawClient } from '../../packages/server/test/helpers/ws-client.js';
import { startEnv, text, until, type Env, type Json } from './env.js';

const MEMBERS = 1000;
const ONLINE = 300;
const BATCH = 50;

let env: Env;
const raws: RawClient[] = [];
beforeAll(async () => {
  env = await startEnv();
});
afterAll(async () => {
  for (const r of raws) r.close();
  await env.close();
});

async function rawLogin(user: string): Promise<RawClient> {
  const c = await RawClient.login(env.server.wsUrl, env.appKey, await env.tokenFor(user));
  raws.push(c);
  return c;
}

async function inBatches<T, R>(items: T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(...(await Promise.all(items.slice(i, i + BATCH).map(fn))));
  return out;
}

describe('a 1,000-member group', () => {
  it('stores each message once, pushes it to every online member and lets every offline one sync it', async () => {
    const users: string[] = [];
    for (let i = 0; i < MEMBERS; i += 100) {
      const names = Array.from({ length: Math.min(100, MEMBERS - i) }, (_, k) => `big${process.pid}n${i + k}`);
      for (let j = 0; j < names.length; j += 60) {
        const r = await env.rest(
          'POST',
          '/users',
          names.slice(j, j + 60).map((username) => ({ username })),
        );
        expect(r.status).toBe(200);
      }
      users.push(...names);
    }
    const [owner, ...members] = users;
    const created = await env.rest('POST', '/chatgroups', { groupname: 'Big', owner, members, maxusers: MEMBERS });
    expect(created.status).toBe(200);
    const gid = created.body.data.groupid as string;
    const conv = `g:${gid}`;
    const online = await inBatches(members.slice(0, ONLINE), rawLogin);
    const o = await env.login(owner!);
    for (const msg of ['m1', 'm2', 'm3']) await o.conn.send(text(gid, msg, 'groupChat'));
    await until(() => online.every((c) => c.eventsOf('msg').length === 3), 'every online member got all three', 30_000);
    for (const c of online)
      expect(c.eventsOf('msg').map((m: Json) => [m.seq, m.body.text])).toEqual([
        [1, 'm1'],
        [2, 'm2'],
        [3, 'm3'],
      ]);

    const db = new Database(join(env.server.config.dataDir, 'pigeon.db'), { readonly: true });
    try {
      expect(db.prepare('select count(*) n from messages where conv = ?').get(conv)).toEqual({ n: 3 });
      // conversation rows come from joining (one per member), never from messages
      expect(db.prepare('select count(*) n from user_conversations where conv = ?').get(conv)).toEqual({ n: MEMBERS });
    } finally {
      db.close();
    }
    const offline = members.slice(ONLINE);
    // Every offline member syncs as the SDK does (positions, then pull from the read position); every
    // tenth also lists its conversations for the server-side unread count.
    const synced = await inBatches(offline, async (user) => {
      const c = await rawLogin(user);
      const pos = (await c.ok('sync.positions', { limit: 100 })).convs.find((p: Json) => p.conv === conv);
      const pulled = await c.ok('msg.pull', { conv, afterSeq: pos.readSeq, limit: 100 });
      const unread = offline.indexOf(user) % 10 ? 3 : (await c.ok('conv.list', { limit: 10 })).convs[0].unread;
      c.close();
      return { pos, texts: pulled.msgs.map((m: Json) => m.body.text), unread };
    });
    expect(synced).toHaveLength(MEMBERS - ONLINE - 1);
    for (const s of synced) {
      expect(s.pos).toMatchObject({ lastSeq: 3, readSeq: 0 });
      expect(s.texts).toEqual(['m1', 'm2', 'm3']);
      expect(s.unread).toBe(3);
    }
  }, 120_000);
});
