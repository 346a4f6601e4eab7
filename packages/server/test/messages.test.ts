import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Json, type TestServer } from './helpers/server.js';
import { RawClient, txt } from './helpers/ws-client.js';

const CONV = 's:alice:bob';
const msg = (type: string, body: unknown, extra: Record<string, unknown> = {}) => ({
  msg: { type, chat: 'single', to: 'bob', cid: `c-${Math.random().toString(36).slice(2)}`, body, ...extra },
});

describe('1:1 messages', () => {
  let s: TestServer;
  const login = async (user: string, deviceId?: string) =>
    RawClient.login(s.wsUrl, 'pigeon#demo', await s.tokenFor(user), { deviceId });
  beforeAll(async () => {
    s = await startTestServer({ limits: { sendsPerSecond: 1000, maxMessageBytes: 2048 } });
    await s.createUsers(['alice', 'bob', 'carol']);
  });
  afterAll(() => s.close());

  it("every type is acked after commit and pushed to the recipient and the sender's other device, not the sender", async () => {
    const a1 = await login('alice');
    const a2 = await login('alice');
    const b = await login('bob');
    const sends = [
      msg('txt', { text: 'hello' }, { ext: { k: 'v', nested: { n: 1 } } }),
      msg('img', { url: 'https://x/i.png', size: 10, width: 4, height: 3, thumb: 'https://x/t.png', name: 'i.png' }),
      msg('audio', { url: 'https://x/a.mp3', size: 5, duration: 3 }),
      msg('video', { url: 'https://x/v.mp4', size: 9, duration: 2, width: 1, height: 1, thumb: 'https://x/vt.png' }),
      msg('file', { url: 'https://x/f.pdf', size: 1, name: 'f.pdf' }),
      msg('loc', { lat: 39.9, lng: 116.3, addr: 'Beijing' }),
      msg('custom', { event: 'gift', fields: { n: '1' } }),
    ];
    const acks: Json[] = [];
    for (const m of sends) acks.push(await a1.ok('msg.send', m));
    acks.forEach((ack, i) => {
      expect(ack).toMatchObject({ cid: sends[i]!.msg.cid, conv: CONV, seq: acks[0].seq + i });
      expect(ack.id).toMatch(/^\d+$/);
    });
    for (const [i, m] of sends.entries()) {
      const pushed = await b.event('msg', i + 1);
      expect(pushed).toMatchObject({
        ...m.msg,
        id: acks[i].id,
        seq: acks[i].seq,
        from: 'alice',
        conv: CONV,
        ts: acks[i].ts,
      });
      expect(await a2.event('msg', i + 1)).toEqual(pushed);
    }
    expect(a1.eventsOf('msg')).toHaveLength(0);
    for (const c of [a1, a2, b]) c.close();
  });

  it('cmd messages are passed through: ack seq 0, pushed online only, never stored nor unread', async () => {
    const a = await login('alice');
    const b = await login('bob');
    const before = (await b.ok('conv.list', {})).convs.find((c: { conv: string }) => c.conv === CONV);
    const ack = await a.ok('msg.send', msg('cmd', { action: 'typing' }));
    expect(ack.seq).toBe(0);
    expect((await b.event('msg')).body).toEqual({ action: 'typing' });
    const after = (await b.ok('conv.list', {})).convs.find((c: { conv: string }) => c.conv === CONV);
    expect(after.lastSeq).toBe(before.lastSeq);
    expect(after.unread).toBe(before.unread);
    const pulled = await b.ok('msg.pull', { conv: CONV, afterSeq: 0, limit: 200 });
    expect(pulled.msgs.some((m: { type: string }) => m.type === 'cmd')).toBe(false);
    a.close();
    b.close();
  });

  it('a retried cid is stored once and gets the same ack, also when retried in the same batch', async () => {
    const a = await login('alice');
    const m = txt('bob', 'once', 'retry-1');
    const first = await a.ok('msg.send', m);
    const again = await a.ok('msg.send', m);
    expect(again).toEqual(first);
    const twins = await Promise.all([
      a.ok('msg.send', txt('bob', 'twin', 'retry-2')),
      a.ok('msg.send', txt('bob', 'twin', 'retry-2')),
    ]);
    expect(twins[1]).toEqual(twins[0]);
    const pulled = await a.ok('msg.pull', { conv: CONV, afterSeq: 0, limit: 200 });
    expect(pulled.msgs.filter((x: { cid: string }) => x.cid === 'retry-1')).toHaveLength(1);
    expect(pulled.msgs.filter((x: { cid: string }) => x.cid === 'retry-2')).toHaveLength(1);
    a.close();
  });

  it('seq is strictly increasing with no holes under concurrent sends from both sides, and batches are shared', async () => {
    const a = await login('alice');
    const b = await login('bob');
    const start = (await a.ok('sync.positions', {})).convs.find((c: { conv: string }) => c.conv === CONV).lastSeq;
    const statsBefore = s.stats();
    const acks = await Promise.all([
      ...Array.from({ length: 100 }, (_, i) => a.ok('msg.send', txt('bob', `a${i}`))),
      ...Array.from({ length: 100 }, (_, i) => b.ok('msg.send', txt('alice', `b${i}`))),
    ]);
    const seqs = acks.map((x) => x.seq as number).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: 200 }, (_, i) => start + 1 + i));
    expect(new Set(acks.map((x) => x.id)).size).toBe(200);
    const stats = s.stats();
    expect(stats.messages - statsBefore.messages).toBe(200);
    expect(stats.batches - statsBefore.batches).toBeLessThan(200);
    expect(stats.largestBatch).toBeGreaterThan(1);
    // Pushes arrive in seq order on every device.
    await b.until(() => (b.eventsOf('msg').length >= 100 ? true : undefined));
    const pushedSeqs = b.eventsOf('msg').map((m) => m.seq as number);
    expect(pushedSeqs).toEqual([...pushedSeqs].sort((x, y) => x - y));
    a.close();
    b.close();
  });

  it('messages sent while the recipient is offline are pulled in seq order after it reconnects', async () => {
    const a = await login('alice');
    const pos = async (c: RawClient) =>
      (await c.ok('sync.positions', {})).convs.find((x: { conv: string }) => x.conv === CONV);
    const b0 = await login('bob');
    const had = (await pos(b0)).lastSeq;
    b0.close();
    await b0.closed;
    const sent: Json[] = [];
    for (let i = 0; i < 30; i++) sent.push(await a.ok('msg.send', txt('bob', `offline ${i}`)));
    const b = await login('bob');
    const p = await pos(b);
    expect(p.lastSeq).toBe(sent[sent.length - 1].seq);
    const got: Json[] = [];
    let after = had;
    for (;;) {
      const page = await b.ok('msg.pull', { conv: CONV, afterSeq: after, limit: 7 });
      got.push(...page.msgs);
      if (!page.hasMore) break;
      after = page.msgs[page.msgs.length - 1].seq;
    }
    expect(got.map((m) => m.id)).toEqual(sent.map((x) => x.id));
    expect(got.map((m) => m.body.text)).toEqual(sent.map((_, i) => `offline ${i}`));
    a.close();
    b.close();
  });

  it('history pages newest first with a cursor down to null', async () => {
    const a = await login('alice');
    const seen: number[] = [];
    let beforeSeq: number | undefined;
    for (;;) {
      const page = await a.ok(
        'msg.history',
        beforeSeq === undefined ? { conv: CONV, limit: 50 } : { conv: CONV, beforeSeq, limit: 50 },
      );
      seen.push(...page.msgs.map((m: { seq: number }) => m.seq));
      if (page.cursor === null) break;
      beforeSeq = page.cursor;
    }
    expect(seen).toEqual([...seen].sort((x, y) => y - x));
    expect(seen[seen.length - 1]).toBe(1);
    expect(new Set(seen).size).toBe(seen.length);
    a.close();
  });

  it('unread: own messages never count, cmd never counts, equal on two devices, cleared by conv.read with a receipt', async () => {
    await s.createUsers(['dora', 'eli']);
    const d1 = await login('dora', 'dora-phone');
    const d2 = await login('dora', 'dora-web');
    const e = await login('eli');
    const conv = 's:dora:eli';
    const ack1 = await e.ok('msg.send', {
      msg: { type: 'txt', chat: 'single', to: 'dora', cid: 'e1', body: { text: '1' } },
    });
    await e.ok('msg.send', { msg: { type: 'txt', chat: 'single', to: 'dora', cid: 'e2', body: { text: '2' } } });
    await e.ok('msg.send', { msg: { type: 'cmd', chat: 'single', to: 'dora', cid: 'e3', body: { action: 'x' } } });
    await d1.ok('msg.send', { msg: { type: 'txt', chat: 'single', to: 'eli', cid: 'd1', body: { text: 'mine' } } });
    const unread = async (c: RawClient) =>
      (await c.ok('conv.list', {})).convs.find((x: { conv: string }) => x.conv === conv);
    expect((await unread(d1)).unread).toBe(2);
    expect((await unread(d2)).unread).toBe(2);
    expect((await unread(e)).unread).toBe(1);
    const r = await d1.ok('conv.read', { conv, id: ack1.id });
    expect(r.readSeq).toBe(ack1.seq);
    expect(await e.event('read')).toEqual({ conv, by: 'dora', readSeq: ack1.seq, id: ack1.id });
    expect(await d2.event('read')).toEqual({ conv, by: 'dora', readSeq: ack1.seq, id: ack1.id });
    expect((await unread(d2)).unread).toBe(1);
    const all = await d2.ok('conv.read', { conv });
    expect(all.readSeq).toBe((await unread(d2)).lastSeq);
    expect((await unread(d1)).unread).toBe(0);
    expect((await d2.ok('conv.read', { conv, seq: 1 })).readSeq).toBe(all.readSeq); // never moves back
    for (const c of [d1, d2, e]) c.close();
  });

  it('conv.list gives the last message, peer and positions, most recent first, paged by cursor', async () => {
    await s.createUsers(['fay']);
    const f = await login('fay');
    for (const to of ['alice', 'bob', 'carol'])
      await f.ok('msg.send', { msg: { type: 'txt', chat: 'single', to, cid: `f-${to}`, body: { text: `to ${to}` } } });
    const p1 = await f.ok('conv.list', { limit: 2 });
    expect(p1.convs.map((c: { peer: string }) => c.peer)).toEqual(['carol', 'bob']);
    expect(p1.convs[0]).toMatchObject({
      conv: 's:carol:fay',
      chat: 'single',
      lastSeq: 1,
      readSeq: 0,
      unread: 0,
      clearedSeq: 0,
      lastMessage: { body: { text: 'to carol' } },
    });
    expect(p1.cursor).toEqual(expect.any(String));
    const p2 = await f.ok('conv.list', { limit: 2, cursor: p1.cursor });
    expect(p2.convs.map((c: { peer: string }) => c.peer)).toEqual(['alice']);
    expect(p2.cursor).toBeNull();
    f.close();
  });

  it('recall within the window empties the body and tells members; a stranger or a late recall is refused', async () => {
    const a = await login('alice');
    const a2 = await login('alice');
    const b = await login('bob');
    const ack = await a.ok('msg.send', txt('bob', 'oops'));
    expect((await b.request('msg.recall', { conv: CONV, id: ack.id })).err.name).toBe('FORBIDDEN');
    expect(await a.ok('msg.recall', { conv: CONV, id: ack.id })).toEqual({ id: ack.id });
    expect(await b.event('recall')).toEqual({ conv: CONV, id: ack.id, by: 'alice' });
    expect(await a2.event('recall')).toEqual({ conv: CONV, id: ack.id, by: 'alice' });
    const page = await b.ok('msg.history', { conv: CONV, limit: 1 });
    expect(page.msgs[0]).toMatchObject({ id: ack.id, recalled: true, body: {} });
    expect((await a.request('msg.recall', { conv: CONV, id: '123' })).err.name).toBe('MESSAGE_NOT_FOUND');
    await s.updateAppSettings('pigeon#demo', { recallWindowSeconds: 0 });
    try {
      const late = await a.ok('msg.send', txt('bob', 'too late'));
      await new Promise((r) => setTimeout(r, 20));
      const r = await a.request('msg.recall', { conv: CONV, id: late.id });
      expect(r.err).toMatchObject({ name: 'RECALL_WINDOW_PASSED', code: 3006 });
    } finally {
      await s.updateAppSettings('pigeon#demo', { recallWindowSeconds: 120 });
    }
    for (const c of [a, a2, b]) c.close();
  });

  it('recalled messages stop counting as unread', async () => {
    await s.createUsers(['gil', 'hal']);
    const g = await login('gil');
    const h = await login('hal');
    const ack = await g.ok('msg.send', {
      msg: { type: 'txt', chat: 'single', to: 'hal', cid: 'g1', body: { text: 'x' } },
    });
    const unread = async () => (await h.ok('conv.list', {})).convs[0].unread;
    expect(await unread()).toBe(1);
    await g.ok('msg.recall', { conv: ack.conv, id: ack.id });
    expect(await unread()).toBe(0);
    g.close();
    h.close();
  });

  it('msg.delivered tells the sender; delivered of an unknown id gets MESSAGE_NOT_FOUND', async () => {
    const a = await login('alice');
    const b = await login('bob');
    const ack = await a.ok('msg.send', txt('bob', 'did you get it'));
    expect(await b.ok('msg.delivered', { conv: CONV, id: ack.id })).toEqual({});
    expect(await a.event('delivered')).toEqual({ conv: CONV, id: ack.id, by: 'bob' });
    expect((await b.request('msg.delivered', { conv: CONV, id: '1' })).err.name).toBe('MESSAGE_NOT_FOUND');
    a.close();
    b.close();
  });

  it('conv.delete hides the conversation until a newer message; deleteRoam clears history for this user only', async () => {
    await s.createUsers(['ivy', 'jon']);
    const i1 = await login('ivy');
    const i2 = await login('ivy');
    const j = await login('jon');
    const conv = 's:ivy:jon';
    await j.ok('msg.send', { msg: { type: 'txt', chat: 'single', to: 'ivy', cid: 'j1', body: { text: 'old' } } });
    expect(await i1.ok('conv.delete', { conv, deleteRoam: true })).toEqual({});
    expect(await i2.event('conv.deleted')).toEqual({ conv, deleteRoam: true });
    expect((await i1.ok('conv.list', {})).convs).toHaveLength(0);
    expect((await i1.ok('msg.history', { conv })).msgs).toHaveLength(0);
    expect((await i1.ok('msg.pull', { conv, afterSeq: 0 })).msgs).toHaveLength(0);
    expect((await j.ok('msg.history', { conv })).msgs).toHaveLength(1);
    await j.ok('msg.send', { msg: { type: 'txt', chat: 'single', to: 'ivy', cid: 'j2', body: { text: 'new' } } });
    const list = (await i1.ok('conv.list', {})).convs;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ conv, unread: 1, clearedSeq: 1, lastMessage: { body: { text: 'new' } } });
    expect((await i1.ok('msg.history', { conv })).msgs.map((m: { body: { text: string } }) => m.body.text)).toEqual([
      'new',
    ]);
    const pos = (await i1.ok('sync.positions', {})).convs.find((c: { conv: string }) => c.conv === conv);
    expect(pos).toEqual({ conv, lastSeq: 2, readSeq: 1, clearedSeq: 1 });
    for (const c of [i1, i2, j]) c.close();
  });

  it('sync.positions pages over every conversation by key', async () => {
    const f = await login('fay');
    const p1 = await f.ok('sync.positions', { limit: 2 });
    expect(p1.convs).toHaveLength(2);
    const p2 = await f.ok('sync.positions', { limit: 2, cursor: p1.cursor });
    expect(p2.convs.map((c: { conv: string }) => c.conv)).toEqual(['s:carol:fay']);
    expect(p2.cursor).toBeNull();
    f.close();
  });

  it('a message to an unknown user gets USER_NOT_FOUND; to an unknown group GROUP_NOT_FOUND; oversized MESSAGE_TOO_LARGE', async () => {
    const a = await login('alice');
    expect((await a.request('msg.send', txt('ghost', 'hi'))).err).toMatchObject({ name: 'USER_NOT_FOUND', code: 4002 });
    expect(
      (await a.request('msg.send', { msg: { type: 'txt', chat: 'group', to: 'g1', cid: 'x', body: { text: 'hi' } } }))
        .err.name,
    ).toBe('GROUP_NOT_FOUND');
    const big = await a.request('msg.send', txt('bob', 'x'.repeat(3000)));
    expect(big.err).toMatchObject({ name: 'MESSAGE_TOO_LARGE', code: 1005, details: { maxBytes: 2048 } });
    expect((await a.request('msg.pull', { conv: 's:bob:carol', afterSeq: 0 })).err.name).toBe('FORBIDDEN');
    a.close();
  });

  it('with friendsRequired, messages between non-friends get NOT_FRIENDS; friends can chat', async () => {
    const app = await s.createApp({ org: 'strict', name: 'app', settings: { friendsRequired: true } });
    await s.createUsers(['kim', 'lee'], app.appKey);
    const k = await RawClient.login(s.wsUrl, app.appKey, await s.tokenFor('kim', app.appKey));
    const refused = await k.request('msg.send', {
      msg: { type: 'txt', chat: 'single', to: 'lee', cid: 'k1', body: { text: 'hi' } },
    });
    expect(refused.err).toMatchObject({ name: 'NOT_FRIENDS', code: 3004 });
    await s.addFriendship(app.appKey, 'kim', 'lee');
    const ok = await k.ok('msg.send', {
      msg: { type: 'txt', chat: 'single', to: 'lee', cid: 'k1', body: { text: 'hi' } },
    });
    expect(ok.seq).toBe(1);
    k.close();
  });
});
