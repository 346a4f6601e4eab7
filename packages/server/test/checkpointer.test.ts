/**
 * WAL checkpoints in a worker thread: the main connection stops checkpointing once the worker is up,
 * the worker copies committed pages into the database file, and closing the store waits for the
 * worker's connection, so the main one removes the WAL (a data directory can be deleted right after).
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { singleKey } from '@pigeon/protocol';
import type { NewMessage } from '../src/core/ports/messages.js';
import { openStore } from '../src/store/open-store.js';
import { tempDir } from './helpers/server.js';
import { until } from './helpers/wait.js';

const message = (i: number): NewMessage => ({
  appId: 'app',
  id: `id${i}`,
  cid: `c${i}`,
  conv: singleKey('a', 'b'),
  chat: 'single',
  from: 'a',
  to: 'b',
  type: 'txt',
  body: { text: 'x'.repeat(500) },
  members: ['a', 'b'],
});

describe('WAL checkpointer', () => {
  it('takes over checkpoints after the first commit, copies the WAL into the database, and leaves no WAL after close', async () => {
    const dir = tempDir('pigeon-ckpt-');
    const store = await openStore({ driver: 'sqlite', dataDir: dir, durability: 'normal' });
    const autocheckpoint = async () =>
      (await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(store.db)).rows[0]!
        .wal_autocheckpoint;
    expect(await autocheckpoint()).toBe(1000); // SQLite's own, until messages are committed
    let n = 0;
    await store.repos.messages.commit([message(n++)], 1);
    await until(async () => (await autocheckpoint()) === 0, 'the checkpointer to take over');
    const wal = join(dir, 'pigeon.db-wal');
    const main = join(dir, 'pigeon.db');
    const before = statSync(main).size;
    // ~4 MB of messages. Only a checkpoint writes pages into the database file, and the main
    // connection no longer runs any: the file growing is the worker's doing.
    for (let b = 0; b < 60; b++) {
      await store.repos.messages.commit(
        Array.from({ length: 100 }, () => message(n++)),
        1,
      );
      await new Promise((r) => setImmediate(r));
    }
    await until(() => statSync(main).size > before + 2 * 1024 * 1024, 'checkpoints into the database file');
    const [count] = (await sql<{ n: number }>`select count(*) as n from messages`.execute(store.db)).rows;
    expect(count!.n).toBe(n);
    await store.close();
    expect(existsSync(wal)).toBe(false);
  }, 60_000);
});
