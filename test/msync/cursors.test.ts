/**
 * Delivery cursors of Easemob-SDK devices survive a restart: the server is stopped and started again on
 * the same data (SQLite data dir, or the same PostgreSQL database as a second node would); the device
 * logs in again and gets what arrived while it was away, and nothing it had already pulled.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SDK from '@pigeon/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import type { ServerOptions } from '../helpers/env.js';
import { hasPostgres, sharedPostgres, warnSkipped } from '../helpers/pg.js';
import { waitFor } from '../helpers/wait.js';
import { startEmEnv, type EmEnv } from './em-env.js';

if (!hasPostgres) warnSkipped('msync cursors on PostgreSQL');

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const STORES = [
  {
    name: 'sqlite (same data dir)',
    options: async (): Promise<Partial<ServerOptions>> => {
      const dataDir = mkdtempSync(join(tmpdir(), 'pigeon-msync-'));
      dirs.push(dataDir);
      return { dataDir };
    },
  },
  ...(hasPostgres
    ? [
        {
          name: 'postgres (same database)',
          options: async (): Promise<Partial<ServerOptions>> => ({
            db: { url: await (await sharedPostgres()).database() },
          }),
        },
      ]
    : []),
];

const bobSays = async (env: EmEnv, text: string) => {
  const bob = await env.login('bob');
  await bob.conn.send(SDK.message.create({ type: 'txt', chatType: 'singleChat', to: 'alice', msg: text }));
  await bob.conn.close();
};

/** The stored cursor of alice's only Easemob device for her conversation with bob. */
async function storedCursor(env: EmEnv): Promise<number> {
  const session = env.srv.core.hub.sessions().find((s) => s.user === 'alice')!;
  const cursors = await env.srv.core.repos.msyncCursors.load(session.appId, 'alice', session.deviceId);
  return cursors.get('s:alice:bob') ?? 0;
}

describe.each(STORES)('msync delivery cursors across a restart: $name', ({ options }) => {
  it("no repeats after a restart, and the messages that arrived meanwhile; a deleted user's cursors go", async () => {
    const opts = await options();
    const first = await startEmEnv(opts);
    await first.users('alice', 'bob');
    const alice = await first.emLogin('alice');
    await bobSays(first, 'one');
    await bobSays(first, 'two');
    await waitFor(() => alice.inbox.texts().length === 2, 'alice gets "one" and "two"');
    await waitFor(async () => (await storedCursor(first)) === 2, 'alice acked both (cursor 2 stored)');
    await first.close();

    const second = await startEmEnv(opts);
    try {
      await bobSays(second, 'three');
      const again = await second.emLogin('alice');
      await waitFor(() => again.inbox.of('onOfflineMessageSyncFinish').length > 0, 'offline sync finished');
      await waitFor(() => again.inbox.texts().length > 0, 'alice gets the message sent while away');
      expect(again.inbox.texts()).toEqual(['three']);
      await waitFor(async () => (await storedCursor(second)) === 3, 'cursor 3 stored');
      const { appId, deviceId } = second.srv.core.hub.sessions().find((s) => s.user === 'alice')!;
      const app = await second.srv.core.apps.get(second.srv.defaultApp!.appKey);
      await second.srv.core.users.delete(app, 'alice');
      expect((await second.srv.core.repos.msyncCursors.load(appId, 'alice', deviceId)).size).toBe(0);
    } finally {
      await second.close();
    }
  });
});
