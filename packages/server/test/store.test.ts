/**
 * Repository behaviour, run for every store dialect: SQLite, and PostgreSQL when its binaries are
 * installed (always in CI; skipped loudly otherwise).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { singleKey } from '@pigeon/protocol';
import type { NewMessage } from '../src/core/ports/messages.js';
import { openStore, repositories, type Store } from '../src/store/open-store.js';
import { hasPostgres, warnSkipped } from '../../../test/helpers/pg.js';
import { tempDir } from './helpers/server.js';
import { postgresStores, singleMessage } from './helpers/store-fixtures.js';

const postgres = postgresStores();
if (!hasPostgres) warnSkipped('store on PostgreSQL');

const DIALECTS = [
  {
    name: 'sqlite',
    open: () => openStore({ driver: 'sqlite', dataDir: tempDir('pigeon-store-'), durability: 'normal' }),
  },
  {
    // SQLite commits through its prepared statements; the query-builder commit (PostgreSQL's) on it too.
    name: 'sqlite, query-builder commit',
    open: async (): Promise<Store> => {
      const store = await openStore({ driver: 'sqlite', dataDir: tempDir('pigeon-store-'), durability: 'normal' });
      return { ...store, repos: repositories(store.db) };
    },
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

const USERS = ['a', 'b', 'c'];
const message = (appId: string, from: string, to: string, cid: string, id: string): NewMessage =>
  singleMessage({ appId, from, to, cid, id });

describe.each(DIALECTS)('store: $name', ({ open }) => {
  const stores: Store[] = [];
  afterAll(async () => {
    for (const s of stores) await s.close();
  });

  it('group commits keep seqs contiguous per conversation, dedup (app, sender, cid) in and across batches, and isolate apps', async () => {
    const store = await open();
    stores.push(store);
    let nextId = 1;
    let round = 0;
    const sendArb = fc.record({
      app: fc.constantFrom('app1', 'app2'),
      from: fc.constantFrom(...USERS),
      to: fc.constantFrom(...USERS),
      cid: fc.integer({ min: 0, max: 30 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(sendArb, { minLength: 1, maxLength: 20 }), { minLength: 1, maxLength: 5 }),
        async (batches) => {
          round += 1;
          const acked = new Map<string, { id: string; seq: number; conv: string }>();
          for (const batch of batches) {
            const msgs = batch.map((m) => message(`${m.app}-${round}`, m.from, m.to, `c${m.cid}`, String(nextId++)));
            const outcomes = await store.repos.messages.commit(msgs, 1000);
            outcomes.forEach((o, i) => {
              const key = `${msgs[i]!.appId}/${msgs[i]!.from}/${msgs[i]!.cid}`;
              const first = acked.get(key);
              if (first)
                expect({ id: o.id, seq: o.seq, conv: o.conv, duplicate: o.duplicate }).toEqual({
                  ...first,
                  duplicate: true,
                });
              else acked.set(key, { id: o.id, seq: o.seq, conv: o.conv });
            });
          }
          // Per (app, conversation): stored seqs are 1..n with no holes, one row per distinct (sender, cid).
          const byConv = new Map<string, number>();
          for (const [key, a] of acked)
            byConv.set(`${key.split('/')[0]}|${a.conv}`, (byConv.get(`${key.split('/')[0]}|${a.conv}`) ?? 0) + 1);
          for (const [k, n] of byConv) {
            const [appId, conv] = k.split('|') as [string, string];
            const rows = await store.repos.messages.range(appId, conv, { afterSeq: 0, limit: 1000, order: 'asc' });
            expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
            expect((await store.repos.conversations.get(appId, conv))?.lastSeq).toBe(n);
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('read positions only move forward; hide clears and marks read; unread skips own and recalled messages', async () => {
    const store = await open();
    stores.push(store);
    const { messages, conversations } = store.repos;
    const conv = singleKey('a', 'b');
    const sent = await messages.commit(
      [
        message('x', 'b', 'a', '1', '1'),
        message('x', 'a', 'b', '2', '2'),
        message('x', 'b', 'a', '3', '3'),
        message('x', 'b', 'a', '4', '4'),
      ],
      5,
    );
    expect(sent.map((o) => o.seq)).toEqual([1, 2, 3, 4]);
    expect(await messages.countUnread('x', conv, 0, 'a')).toBe(3);
    await messages.recall('x', conv, '3');
    expect(await messages.countUnread('x', conv, 0, 'a')).toBe(2);
    expect(await conversations.markRead('x', 'a', conv, 3)).toBe(3);
    expect(await conversations.markRead('x', 'a', conv, 1)).toBe(3);
    await conversations.hide('x', 'a', conv, 4, true);
    expect(await conversations.forUser('x', 'a', conv)).toMatchObject({ readSeq: 4, clearedSeq: 4, hiddenSeq: 4 });
    expect(await conversations.listVisible('x', 'a', undefined, 10)).toHaveLength(0);
    expect(await conversations.listVisible('x', 'b', undefined, 10)).toHaveLength(1);
  });

  it('a group message commits with its mentions and file references; a retry adds neither again', async () => {
    const store = await open();
    stores.push(store);
    const g = (cid: string, id: string, extra: Partial<NewMessage>): NewMessage => ({
      ...message('x', 'a', 'g1', cid, id),
      conv: 'g:g1',
      chat: 'group',
      members: [],
      ...extra,
    });
    const [first, second] = await store.repos.messages.commit(
      [g('m1', '11', { mentions: ['b', 'c'], groupAck: true }), g('m2', '12', { files: ['f1', 'f2'] })],
      7,
    );
    expect([first?.seq, second?.seq]).toEqual([1, 2]);
    const [again] = await store.repos.messages.commit([g('m1', '13', { mentions: ['b'] })], 8);
    expect(again).toMatchObject({ id: '11', seq: 1, duplicate: true });
    expect(await store.repos.messages.mentioned('x', 'g:g1', 0, 'b')).toBe(true);
    expect(await store.repos.messages.mentioned('x', 'g:g1', 1, 'b')).toBe(false);
    const mentions = await store.db.selectFrom('mentions').select(['seq', 'target']).orderBy('target').execute();
    expect(mentions.map((m) => [Number(m.seq), m.target])).toEqual([
      [1, 'b'],
      [1, 'c'],
    ]);
    const refs = await store.db.selectFrom('file_refs').select(['file_uuid', 'msg_id']).orderBy('file_uuid').execute();
    expect(refs).toEqual([
      { file_uuid: 'f1', msg_id: '12' },
      { file_uuid: 'f2', msg_id: '12' },
    ]);
    const [stored] = await store.repos.messages.range('x', 'g:g1', { afterSeq: 0, limit: 1, order: 'asc' });
    expect(stored).toMatchObject({ id: '11', groupAck: true, chat: 'group' });
  });
});
