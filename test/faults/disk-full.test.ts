/**
 * A full disk and a data directory that turns read-only under a running server, on real small file
 * systems (tmpfs filled to the last byte; ext4 on a loop device failed into read-only by the kernel).
 * Sends and uploads get typed, retryable errors (STORAGE_FULL / STORAGE_READ_ONLY), nothing is acked
 * without a commit, what was stored stays intact (PRAGMA integrity_check), the server stays up and
 * /health says why, and when space returns pending SDK sends go through by themselves.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startEnv, type TestEnv } from '../helpers/env.js';
import { adminToken, rest, userToken, type Json } from '../helpers/rest.js';
import { canMount, ext4Disk, tmpfsDisk, warnNoMount, type ScratchDisk } from '../helpers/scratch-disk.js';
import { waitFor } from '../helpers/wait.js';
import { refusal, txt } from '../helpers/send-refusal.js';

if (!canMount) warnNoMount('disk full, read-only data directory');

const PAD = 'x'.repeat(4000);

async function health(env: TestEnv): Promise<Json> {
  const res = await fetch(`${env.srv.httpUrl}/health`);
  expect(res.status).toBe(200);
  return res.json();
}

async function upload(env: TestEnv, token: string, size = 100_000) {
  const form = new FormData();
  form.append('file', new Blob([Buffer.alloc(size, 7)]), 'fault.bin');
  const res = await fetch(`${env.srv.httpUrl}/pigeon/demo/chatfiles`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as Json };
}

/** REST sends from a to b until the server refuses one; returns the ids of those it acked. */
async function sendUntilRefused(env: TestEnv, admin: string, prefix: string) {
  const acked: string[] = [];
  for (let i = 0; i < 2_000; i++) {
    const r = await rest(env.srv, 'POST', '/pigeon/demo/messages/users', {
      token: admin,
      body: { from: 'a', to: ['b'], type: 'txt', body: { msg: `${prefix}-${i} ${PAD}` } },
    });
    if (r.status !== 200) return { acked, refused: r };
    acked.push(r.body.data.b as string);
  }
  throw new Error('the disk never filled up');
}

/** Copies the database files (read-only file systems included) and checks the copy. */
function checkCopy(dataDir: string): { integrity: string; rows: { id: string; body: string }[] } {
  const dir = mkdtempSync(join(tmpdir(), 'pigeon-dbcopy-'));
  try {
    for (const f of ['pigeon.db', 'pigeon.db-wal'])
      if (existsSync(join(dataDir, f))) copyFileSync(join(dataDir, f), join(dir, f));
    const db = new Database(join(dir, 'pigeon.db'));
    try {
      const integrity = (db.pragma('integrity_check', { simple: true }) as string) ?? '';
      const rows = db.prepare(`SELECT id, body FROM messages WHERE sender = 'a' ORDER BY seq`).all() as never;
      return { integrity, rows };
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(!canMount)('storage faults', () => {
  let disk: ScratchDisk | undefined;
  let env: TestEnv | undefined;
  // After each test, so a failed one does not leave its file system mounted.
  afterEach(async () => {
    await env?.close().catch(() => undefined);
    env = undefined;
    disk?.unmount();
    disk = undefined;
  });

  it('disk full: typed retryable errors, no ack without commit, intact data, recovery by itself', async () => {
    disk = tmpfsDisk(24);
    env = await startEnv({ dataDir: disk.dir });
    await env.users('a', 'b');
    const admin = await adminToken(env.srv);
    const aToken = await userToken(env.srv, 'a');
    const { conn: a } = await env.login('a');
    const { conn: b, inbox } = await env.login('b');
    const before: string[] = [];
    for (let i = 0; i < 20; i++) before.push((await a.send(txt('b', `before-${i}`))).serverMsgId);
    expect(await health(env)).toMatchObject({ status: 'ok', storage: 'ok' });

    disk.fill();
    const { acked: whileFilling, refused } = await sendUntilRefused(env, admin, 'filling');
    expect(refused.status).toBe(507);
    expect(refused.body).toMatchObject({ name: 'STORAGE_FULL', code: 5006, error: 'service_unavailable' });
    expect(refused.body.retryAfterMs).toBeGreaterThan(0);
    expect(await health(env)).toMatchObject({ status: 'degraded', storage: 'full' });

    // The SDK keeps a refused send and retries it; with a short outbox it fails, saying why.
    // A send that still fits in space SQLite already holds (its WAL) is stored and acked: keep
    // sending until one is refused.
    const impatient = env.connection({ outboxTimeout: 1_500 });
    await impatient.open({ user: 'a', pwd: 'pw-a' });
    const whileFull: string[] = [];
    let why = 'sent';
    for (let i = 0; i < 200 && why === 'sent'; i++) {
      const send = impatient.send(txt('b', `impatient-${i} ${PAD}`));
      why = await refusal(send);
      if (why === 'sent') whileFull.push((await send).serverMsgId);
    }
    expect(why).toBe('STORAGE_FULL');
    let pendingAck: string | undefined;
    const pending = a.send(txt('b', `sent while full ${PAD}`)).then((r) => (pendingAck = r.serverMsgId));
    // Uploads are refused the same way, and reads still work.
    const up = await upload(env, aToken);
    expect(up.status).toBe(507);
    expect(up.body).toMatchObject({ name: 'STORAGE_FULL' });
    const convs = await b.getServerConversations();
    expect(convs.data.conversations.length).toBeGreaterThan(0);
    expect(checkCopy(disk.dir).integrity).toBe('ok');

    disk.free();
    await pending; // the SDK's own retry, no call from the app
    await waitFor(async () => (await health(env!)).storage === 'ok', 'health back to ok');
    expect(await health(env)).toMatchObject({ status: 'ok', storage: 'ok' });
    expect((await upload(env, aToken)).status).toBe(200);
    const after = (await a.send(txt('b', 'after'))).serverMsgId;

    const acked = [...before, ...whileFilling, ...whileFull, pendingAck!, after];
    const { integrity, rows } = checkCopy(disk.dir);
    console.log(
      `disk full: acked ${acked.length} (${whileFilling.length} + ${whileFull.length} while filling), stored ${rows.length}, ` +
        `refused with ${refused.body.name}, integrity ${integrity}`,
    );
    expect(integrity).toBe('ok');
    expect(rows.map((r) => r.id).sort()).toEqual([...acked].sort()); // every ack stored once, nothing else
    await waitFor(() => inbox.texts().length >= acked.length, 'b to get every acked message');
    expect(inbox.texts().filter((t) => t.startsWith('sent while full'))).toHaveLength(1);
    expect(new Set(inbox.messages().map((m) => m.id)).size).toBe(acked.length);
  });

  it('read-only data directory: typed errors, the server stays up and says so, nothing stored is lost', async () => {
    disk = ext4Disk(32);
    env = await startEnv({ dataDir: disk.dir });
    await env.users('a', 'b');
    const admin = await adminToken(env.srv);
    const aToken = await userToken(env.srv, 'a');
    const { conn: a } = await env.login('a', { outboxTimeout: 1_500 });
    const { conn: b } = await env.login('b');
    const before: string[] = [];
    for (let i = 0; i < 20; i++) before.push((await a.send(txt('b', `before-${i}`))).serverMsgId);

    disk.failReadOnly();
    const r = await rest(env.srv, 'POST', '/pigeon/demo/messages/users', {
      token: admin,
      body: { from: 'a', to: ['b'], type: 'txt', body: { msg: 'after the failure' } },
    });
    expect(r.status).toBe(503);
    expect(r.body).toMatchObject({ name: 'STORAGE_READ_ONLY', code: 5007 });
    expect(await refusal(a.send(txt('b', 'refused')))).toBe('STORAGE_READ_ONLY');
    const up = await upload(env, aToken);
    expect(up.body).toMatchObject({ name: 'STORAGE_READ_ONLY' });
    expect(up.status).toBe(503);
    expect(up.body).toMatchObject({ name: 'STORAGE_READ_ONLY' });
    expect(await health(env)).toMatchObject({ status: 'degraded', storage: 'read-only' });
    const convs = await b.getServerConversations(); // reads go on
    expect(convs.data.conversations.length).toBeGreaterThan(0);

    const { integrity, rows } = checkCopy(disk.dir);
    console.log(`read-only: acked ${before.length}, stored ${rows.length}, integrity ${integrity}`);
    expect(integrity).toBe('ok');
    expect(rows.map((x) => x.id)).toEqual(before);
  });
});
