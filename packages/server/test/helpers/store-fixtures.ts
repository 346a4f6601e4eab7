/**
 * What the store tests share: a one-to-one text message as the send path builds it, and a lazily
 * started PostgreSQL that hands each test a store on a fresh database (stopped once per file).
 */
import { singleKey } from '@pigeon/protocol';
import { afterAll } from 'vitest';
import type { NewMessage } from '../../src/core/ports/messages.js';
import { openStore, type Store } from '../../src/store/open-store.js';
import { startPostgres, type TestPostgres } from '../../../../test/helpers/pg.js';

export interface SingleMessage {
  from: string;
  to: string;
  cid: string;
  id: string;
  appId?: string;
  text?: string;
}

/** A text message between two users; body text is the cid unless given. */
export function singleMessage({ from, to, cid, id, appId = 'app', text = cid }: SingleMessage): NewMessage {
  return {
    appId,
    id,
    cid,
    conv: singleKey(from, to),
    chat: 'single',
    from,
    to,
    type: 'txt',
    body: { text },
    members: [...new Set([from, to])],
  };
}

/** Opens a store on a fresh database of one PostgreSQL per test file, started on first use. */
export function postgresStores(): () => Promise<Store> {
  let postgres: Promise<TestPostgres> | undefined;
  afterAll(async () => (await postgres)?.stop());
  return async () => {
    postgres ??= startPostgres();
    const url = await (await postgres).database();
    return openStore({ driver: 'postgres', url, poolSize: 4, dataDir: '', durability: 'normal' });
  };
}
