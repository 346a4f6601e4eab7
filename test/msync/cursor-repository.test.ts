/** The msync cursor repository on every store dialect: per device, forward only, apps kept apart. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../packages/server/src/store/open-store.js';
import { hasPostgres, sharedPostgres } from '../helpers/pg.js';

const DIALECTS = [
  {
    name: 'sqlite',
    open: () =>
      openStore({ driver: 'sqlite', dataDir: mkdtempSync(join(tmpdir(), 'pigeon-cur-')), durability: 'normal' }),
  },
  ...(hasPostgres
    ? [
        {
          name: 'postgres',
          open: async () => {
            const url = await (await sharedPostgres()).database();
            return openStore({ driver: 'postgres', url, poolSize: 2, dataDir: '', durability: 'normal' });
          },
        },
      ]
    : []),
];

describe.each(DIALECTS)('msync cursors store: $name', ({ open }) => {
  let store: Store;
  afterAll(() => store?.close());

  it('advances per device and conversation, never backwards; a deleted user is forgotten', async () => {
    store = await open();
    const c = store.repos.msyncCursors;
    await c.advance('app1', 'alice', 'webim_web_1', 's:alice:bob', 5, 1);
    await c.advance('app1', 'alice', 'webim_web_1', 's:alice:bob', 3, 2); // late, older: ignored
    await c.advance('app1', 'alice', 'webim_web_1', 'g:42', 7, 3);
    await c.advance('app1', 'alice', 'webim_wx_2', 's:alice:bob', 1, 4);
    await c.advance('app2', 'alice', 'webim_web_1', 's:alice:bob', 9, 5);
    expect(await c.load('app1', 'alice', 'webim_web_1')).toEqual(
      new Map([
        ['s:alice:bob', 5],
        ['g:42', 7],
      ]),
    );
    expect(await c.load('app1', 'alice', 'webim_wx_2')).toEqual(new Map([['s:alice:bob', 1]]));
    await c.advance('app1', 'alice', 'webim_web_1', 's:alice:bob', 6, 6);
    expect((await c.load('app1', 'alice', 'webim_web_1')).get('s:alice:bob')).toBe(6);
    expect((await c.load('app1', 'bob', 'webim_web_1')).size).toBe(0);
    await c.removeUser('app1', 'alice');
    expect((await c.load('app1', 'alice', 'webim_web_1')).size).toBe(0);
    expect((await c.load('app1', 'alice', 'webim_wx_2')).size).toBe(0);
    expect((await c.load('app2', 'alice', 'webim_web_1')).get('s:alice:bob')).toBe(9); // other apps untouched
  });
});
