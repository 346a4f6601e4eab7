// kill -9 of the server after acks: restart on the same data dir, sync, compare. Nothing acked is lost.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import SDK from '@pigeon/sdk';
import { registerUsers, startChildServer, type ChildServer } from '../helpers/child-server.js';
import { waitFor } from '../helpers/wait.js';

const dataDir = mkdtempSync(join(tmpdir(), 'pigeon-crash-'));
let server: ChildServer | undefined;
afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function connect(s: ChildServer, extra: Record<string, unknown> = {}) {
  return new SDK.connection({
    appKey: 'pigeon#demo',
    url: s.wsUrl,
    apiUrl: s.httpUrl,
    platform: 'node',
    autoReconnectNumMax: 0,
    ...extra,
  } as never);
}

const register = (s: ChildServer, username: string) => registerUsers(s.httpUrl, [username]);

describe('durability', () => {
  it('every message acked before a kill -9 is there after restart, once, in seq order', async () => {
    server = await startChildServer(dataDir);
    await register(server, 'writer');
    await register(server, 'reader');
    const writer = connect(server);
    await writer.open({ user: 'writer', pwd: 'pw-writer' });
    // Concurrent sends share group commits; every ack means "committed".
    const acked: { id: string; seq: number; text: string }[] = [];
    const sends = Array.from({ length: 300 }, (_, i) =>
      writer
        .send(SDK.message.create({ type: 'txt', chatType: 'singleChat', to: 'reader', msg: `d${i}` }))
        .then((r) => acked.push({ id: r.serverMsgId, seq: r.message!.seq as number, text: `d${i}` }))
        .catch(() => undefined),
    );
    await waitFor(() => acked.length >= 150, 'half the acks');
    await server.kill9();
    await Promise.allSettled(sends);
    await writer.close().catch(() => undefined);
    const ackedNow = [...acked];
    expect(ackedNow.length).toBeGreaterThanOrEqual(150);

    server = await startChildServer(dataDir);
    const reader = connect(server);
    const got: { id: string; seq: number; msg: string }[] = [];
    reader.addEventHandler('r', { onTextMessage: (m) => void got.push({ id: m.id, seq: m.seq ?? -1, msg: m.msg }) });
    const finished = new Promise<void>((r) => reader.addEventHandler('f', { onOfflineMessageSyncFinish: () => r() }));
    await reader.open({ user: 'reader', pwd: 'pw-reader' });
    await finished;
    const ids = new Set(got.map((m) => m.id));
    const lost = ackedNow.filter((a) => !ids.has(a.id));
    const dup = got.length - ids.size;
    console.log(`sent 300, acked ${ackedNow.length}, stored ${got.length}, lost ${lost.length}, duplicated ${dup}`);
    expect(lost).toEqual([]);
    expect(dup).toBe(0);
    expect(got.map((m) => m.seq)).toEqual(got.map((_, i) => i + 1));
    for (const a of ackedNow) expect(got.find((m) => m.id === a.id)).toMatchObject({ seq: a.seq, msg: a.text });
    await reader.close();
  });
});
