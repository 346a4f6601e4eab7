/**
 * Repositories of contacts, profiles and presence, run for every store dialect: SQLite, and
 * PostgreSQL when its binaries are installed (always in CI; skipped loudly otherwise).
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { NewContactEvent } from '../src/core/ports/contacts.js';
import { CONTACT_LOG_KEEP } from '../src/store/repositories/contact-mutations.js';
import { openStore, type Store } from '../src/store/open-store.js';
import { hasPostgres, warnSkipped } from '../../../test/helpers/pg.js';
import { tempDir } from './helpers/server.js';
import { postgresStores } from './helpers/store-fixtures.js';

const postgres = postgresStores();
if (!hasPostgres) warnSkipped('contacts store on PostgreSQL');

const DIALECTS = [
  {
    name: 'sqlite',
    open: () => openStore({ driver: 'sqlite', dataDir: tempDir('pigeon-store-'), durability: 'normal' }),
  },
  ...(hasPostgres
    ? [
        {
          name: 'postgres',
          open: postgres,
        },
      ]
    : []),
];

describe.each(DIALECTS)('contacts store: $name', ({ open }) => {
  const stores: Store[] = [];
  const fresh = async () => {
    const s = await open();
    stores.push(s);
    return s.repos;
  };
  afterAll(async () => {
    for (const s of stores) await s.close();
  });

  it('apply commits relations, requests and log entries together, with per-user seqs and apps kept apart', async () => {
    const r = await fresh();
    const invite: NewContactEvent = { user: 'b', op: 'invite', peer: 'a', message: 'hi' };
    const [e1] = await r.contacts.apply('app1', [{ t: 'request', from: 'a', to: 'b', message: 'hi' }], [invite], 10);
    expect(e1).toEqual({ seq: 1, op: 'invite', from: 'a', to: 'b', message: 'hi', ts: 10 });
    expect(await r.contacts.request('app1', 'a', 'b')).toMatchObject({ message: 'hi', createdAt: 10 });
    expect(await r.contacts.request('app2', 'a', 'b')).toBeUndefined();
    const evs = await r.contacts.apply(
      'app1',
      [
        { t: 'befriend', a: 'a', b: 'b' },
        { t: 'dropRequest', from: 'a', to: 'b' },
      ],
      [
        { user: 'a', op: 'accept', peer: 'b' },
        { user: 'a', op: 'add', peer: 'b' },
        { user: 'b', op: 'add', peer: 'a' },
      ],
      20,
    );
    expect(evs.map((e) => [e.to, e.seq, e.op])).toEqual([
      ['a', 1, 'accept'],
      ['a', 2, 'add'],
      ['b', 2, 'add'],
    ]);
    expect(await r.relations.has('app1', 'a', 'b', 'friend')).toBe(true);
    expect(await r.relations.has('app1', 'b', 'a', 'friend')).toBe(true);
    expect(await r.relations.has('app2', 'a', 'b', 'friend')).toBe(false);
    expect(await r.contacts.request('app1', 'a', 'b')).toBeUndefined();
    expect(await r.contacts.cursor('app1', 'b')).toEqual({ lastSeq: 2, seenSeq: 0 });
    expect(await r.contacts.cursor('app2', 'b')).toEqual({ lastSeq: 0, seenSeq: 0 });
  });

  it('a failing apply leaves nothing behind', async () => {
    const r = await fresh();
    const bad = { user: 'b', op: 'add', peer: null } as unknown as NewContactEvent; // NOT NULL violated
    await expect(r.contacts.apply('app', [{ t: 'befriend', a: 'a', b: 'b' }], [bad], 1)).rejects.toThrow();
    expect(await r.relations.has('app', 'a', 'b', 'friend')).toBe(false);
    expect(await r.contacts.cursor('app', 'b')).toEqual({ lastSeq: 0, seenSeq: 0 });
  });

  it('acknowledge only moves forward and never past the log; the log keeps its last entries', async () => {
    const r = await fresh();
    const n = CONTACT_LOG_KEEP + 5;
    for (let i = 0; i < n; i++) await r.contacts.apply('app', [], [{ user: 'u', op: 'invite', peer: `p${i}` }], i);
    await r.contacts.acknowledge('app', 'u', 7);
    await r.contacts.acknowledge('app', 'u', 3);
    await r.contacts.acknowledge('app', 'u', n + 100);
    expect(await r.contacts.cursor('app', 'u')).toEqual({ lastSeq: n, seenSeq: 7 });
    const kept = await r.contacts.events('app', 'u', 0, 1000);
    expect(kept).toHaveLength(CONTACT_LOG_KEEP);
    expect(kept[0]!.seq).toBe(n - CONTACT_LOG_KEEP + 1);
    await r.contacts.removeUser('app', 'u');
    expect(await r.contacts.events('app', 'u', 0, 10)).toEqual([]);
  });

  it('relations list by name after a cursor, count, remarks on friends only, and removeUser drops requests too', async () => {
    const r = await fresh();
    for (const p of ['d', 'b', 'c']) await r.relations.add('app', 'a', p, 'friend', 1);
    await r.relations.add('app', 'a', 'z', 'block', 1);
    expect((await r.relations.list('app', 'a', 'friend', 'b', 10)).map((x) => x.peer)).toEqual(['c', 'd']);
    expect(await r.relations.count('app', 'a', 'friend')).toBe(3);
    expect(await r.relations.setRemark('app', 'a', 'c', 'Cee')).toBe(true);
    expect(await r.relations.setRemark('app', 'a', 'z', 'blocked')).toBe(false);
    expect((await r.relations.list('app', 'a', 'friend', undefined, 10)).map((x) => x.remark)).toEqual(['', 'Cee', '']);
    await r.contacts.apply('app', [{ t: 'request', from: 'a', to: 'q', message: '' }], [], 1);
    await r.relations.removeUser('app', 'a');
    expect(await r.relations.count('app', 'a', 'friend')).toBe(0);
    expect(await r.contacts.request('app', 'a', 'q')).toBeUndefined();
  });

  it('profiles: put replaces, get returns those that exist, remove reports whether there was one', async () => {
    const r = await fresh();
    await r.profiles.put('app', 'a', { nickname: 'A', sign: '你好' }, 1);
    await r.profiles.put('app', 'a', { nickname: 'A2' }, 2);
    expect(await r.profiles.get('app', ['a', 'b'])).toEqual(new Map([['a', { nickname: 'A2' }]]));
    expect(await r.profiles.get('other', ['a'])).toEqual(new Map());
    expect(await r.profiles.remove('app', 'a')).toBe(true);
    expect(await r.profiles.remove('app', 'a')).toBe(false);
  });

  it('presence: subscriptions renew, expire, page and are found by target; statuses are kept per user', async () => {
    const r = await fresh();
    await r.presence.subscribe('app', 's', ['t1', 't2', 't3'], 100, 0);
    await r.presence.subscribe('app', 's', ['t2'], 500, 10);
    expect(await r.presence.subscriptions('app', 's', 50, 1, 1)).toEqual({
      subs: [{ user: 't2', expiresAt: 500 }],
      total: 3,
    });
    expect(await r.presence.subscriptions('app', 's', 100, 0, 10)).toEqual({
      subs: [{ user: 't2', expiresAt: 500 }],
      total: 1,
    });
    expect(await r.presence.subscribersOf('app', 't1', 99)).toEqual([{ user: 's', expiresAt: 100 }]);
    expect(await r.presence.subscribersOf('app', 't1', 100)).toEqual([]);
    expect(await r.presence.expiries('app', 's', ['t1', 't2'], 200)).toEqual(new Map([['t2', 500]]));
    // A later subscribe of the same subscriber drops its expired rows.
    await r.presence.subscribe('app', 's', [], 900, 200);
    expect(await r.presence.subscriptions('app', 's', 0, 0, 10)).toMatchObject({ total: 1 });
    await r.presence.unsubscribe('app', 's', ['t2']);
    expect(await r.presence.subscriptions('app', 's', 0, 0, 10)).toEqual({ subs: [], total: 0 });
    await r.presence.setStatus('app', 'u', 'busy', 5);
    await r.presence.setStatus('app', 'u', 'away', 6);
    expect(await r.presence.statuses('app', ['u', 'v'])).toEqual(new Map([['u', { ext: 'away', updatedAt: 6 }]]));
    await r.presence.removeUser('app', 'u');
    expect(await r.presence.statuses('app', ['u'])).toEqual(new Map());
  });
});
