// The contacts, block list, profile and presence ops at the frame level: wrong types get BAD_REQUEST
// naming the field, and the contact log's sync/acknowledge rules hold.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';
import { RawClient } from './helpers/ws-client.js';

describe('contacts ops over raw frames', () => {
  let s: TestServer;
  const login = async (user: string) => RawClient.login(s.wsUrl, 'pigeon#demo', await s.tokenFor(user));
  beforeAll(async () => {
    s = await startTestServer();
    await s.createUsers(['ana', 'bo', 'cy', 'di']);
  });
  afterAll(() => s.close());

  it('every op refuses wrong field types with BAD_REQUEST and the path of the field', async () => {
    const c = await login('ana');
    const cases: Array<[string, unknown, string]> = [
      ['contact.add', { user: 5 }, '/user'],
      ['contact.add', { user: 'bo', message: ['x'] }, '/message'],
      ['contact.accept', {}, '/user'],
      ['contact.decline', { user: null }, '/user'],
      ['contact.delete', { user: '' }, '/user'],
      ['contact.list', { limit: 'ten' }, '/limit'],
      ['contact.remark', { user: 'bo' }, '/remark'],
      ['contact.sync', { afterSeq: -1 }, '/afterSeq'],
      ['block.add', { users: 'bo' }, '/users'],
      ['block.add', { users: [] }, '/users'],
      ['block.remove', { users: [1] }, '/users/0'],
      ['profile.update', { attrs: { nickname: 3 } }, '/attrs/nickname'],
      ['profile.update', { attrs: 'nick' }, '/attrs'],
      ['profile.get', { users: Array.from({ length: 101 }, (_, i) => `u${i}`) }, '/users'],
      ['presence.publish', { ext: 7 }, '/ext'],
      ['presence.subscribe', { users: ['bo'], expiry: 1.5 }, '/expiry'],
      ['presence.subscribe', { users: ['bo'] }, '/expiry'],
      ['presence.unsubscribe', { users: [{}] }, '/users/0'],
      ['presence.subscriptions', { pageSize: 0 }, '/pageSize'],
      ['presence.get', { users: 'bo' }, '/users'],
    ];
    for (const [op, d, path] of cases) {
      const r = await c.request(op, d);
      expect({ op, err: r.err?.name, path: r.err?.details?.path }).toEqual({ op, err: 'BAD_REQUEST', path });
    }
    c.close();
  });

  it('contact.sync pages the log, acknowledges afterSeq, and starts a device without state after the acknowledged seq', async () => {
    const ana = await login('ana');
    for (const u of ['bo', 'cy', 'di']) {
      const c = await login(u);
      await c.ok('contact.add', { user: 'ana', message: `from ${u}` });
      c.close();
    }
    const first = await ana.ok('contact.sync', { limit: 2 });
    expect(first).toMatchObject({ lastSeq: 3, hasMore: true });
    expect(first.events.map((e: { seq: number; from: string; op: string }) => [e.seq, e.op, e.from])).toEqual([
      [1, 'invite', 'bo'],
      [2, 'invite', 'cy'],
    ]);
    const second = await ana.ok('contact.sync', { afterSeq: 2, limit: 2 });
    expect(second).toMatchObject({ lastSeq: 3, hasMore: false, events: [{ seq: 3, from: 'di', message: 'from di' }] });
    // Acknowledged up to 2: a device with no local state starts at 3.
    expect((await ana.ok('contact.sync', {})).events.map((e: { seq: number }) => e.seq)).toEqual([3]);
    await ana.ok('contact.sync', { afterSeq: 3 });
    expect(await ana.ok('contact.sync', {})).toEqual({ events: [], lastSeq: 3, hasMore: false });
    // A device ahead of the server (its data was reset) hears where the log really ends.
    expect(await ana.ok('contact.sync', { afterSeq: 99 })).toEqual({ events: [], lastSeq: 3, hasMore: false });
    // Live events carry the same seqs.
    await ana.ok('contact.accept', { user: 'bo' });
    const added = await ana.event('contact', 4); // after the three live invites
    expect(added).toMatchObject({ seq: 4, op: 'add', from: 'bo', to: 'ana', ts: expect.any(Number) });
    ana.close();
  });

  it('presence.subscribe reports each user now; presence.subscriptions pages them; a device joining is pushed to subscribers', async () => {
    const cy = await login('cy');
    const r = await cy.ok('presence.subscribe', { users: ['di', 'bo'], expiry: 60 });
    expect(r.presences.map((p: { user: string }) => p.user)).toEqual(['di', 'bo']);
    expect(r.presences[0]).toMatchObject({ devices: [], ext: '', expiresAt: expect.any(Number) });
    expect(await cy.ok('presence.subscriptions', { page: 2, pageSize: 1 })).toMatchObject({
      total: 2,
      subs: [{ user: 'di' }],
    });
    const di = await RawClient.login(s.wsUrl, 'pigeon#demo', await s.tokenFor('di'), {
      platform: 'wechat',
      deviceId: 'phone',
    });
    const ev = await cy.event('presence');
    expect(ev).toMatchObject({ user: 'di', devices: [{ deviceId: 'phone', platform: 'wechat', online: true }] });
    di.close();
    cy.close();
  });
});
