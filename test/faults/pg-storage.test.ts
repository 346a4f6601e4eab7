/**
 * PostgreSQL refusing writes under a running server, on a real PostgreSQL: turned read-only (ALTER
 * SYSTEM default_transaction_read_only + reload, as a failover to a standby that is still in
 * recovery also refuses with SQLSTATE 25006) and out of disk (the database in a tablespace on a
 * small tmpfs filled to the last byte). Sends get the same typed, retryable errors as on SQLite
 * (STORAGE_READ_ONLY / STORAGE_FULL), and the SDK's pending send goes through by itself once the
 * database takes writes again.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEnv, type TestEnv } from '../helpers/env.js';
import { hasPostgres, startPostgres, warnSkipped, type TestPostgres } from '../helpers/pg.js';
import { adminToken, rest } from '../helpers/rest.js';
import { canMount, tmpfsDisk, warnNoMount, type ScratchDisk } from '../helpers/scratch-disk.js';
import { waitFor } from '../helpers/wait.js';
import { refusal, txt } from '../helpers/send-refusal.js';

if (!hasPostgres) warnSkipped('PostgreSQL read-only and disk full');
else if (!canMount) warnNoMount('PostgreSQL disk full');

const PAD = 'x'.repeat(4000);

/** REST sends from a to b until the server refuses one. */
async function sendUntilRefused(env: TestEnv, admin: string) {
  for (let i = 0; i < 4_000; i++) {
    const r = await rest(env.srv, 'POST', '/pigeon/demo/messages/users', {
      token: admin,
      body: { from: 'a', to: ['b'], type: 'txt', body: { msg: `filling-${i} ${PAD}` } },
    });
    if (r.status !== 200) return r;
  }
  throw new Error('the database never refused a send');
}

/** While the database refuses writes: an impatient SDK send fails saying why, a patient one waits. */
async function sdkWhileRefused(env: TestEnv, expected: string) {
  const impatient = env.connection({ outboxTimeout: 1_500 });
  await impatient.open({ user: 'a', pwd: 'pw-a' });
  let why = 'sent';
  for (let i = 0; i < 200 && why === 'sent'; i++) why = await refusal(impatient.send(txt('b', `impatient-${i}`)));
  expect(why).toBe(expected);
  impatient.close();
}

describe.skipIf(!hasPostgres)('PostgreSQL refusing writes', () => {
  let pgs: TestPostgres;
  let admin: pg.Client;
  let env: TestEnv | undefined;
  let disk: ScratchDisk | undefined;
  beforeAll(async () => {
    pgs = await startPostgres();
    admin = new pg.Client({ connectionString: pgs.url });
    await admin.connect();
  }, 60_000);
  afterEach(async () => {
    await env?.close().catch(() => undefined);
    env = undefined;
  });
  afterAll(async () => {
    await admin?.end();
    await pgs?.stop();
    disk?.unmount();
  });

  it('read-only: sends get STORAGE_READ_ONLY, then the pending SDK send goes through', async () => {
    env = await startEnv({ db: { url: await pgs.database() } } as never);
    await env.users('a', 'b');
    const token = await adminToken(env.srv);
    const { conn: a } = await env.login('a');
    const { inbox } = await env.login('b');
    await a.send(txt('b', 'before'));

    await admin.query('ALTER SYSTEM SET default_transaction_read_only = on');
    await admin.query('SELECT pg_reload_conf()');
    const refused = await sendUntilRefused(env, token);
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ name: 'STORAGE_READ_ONLY', code: 5007, error: 'service_unavailable' });
    expect(refused.body.retryAfterMs).toBeGreaterThan(0);
    await sdkWhileRefused(env, 'STORAGE_READ_ONLY');
    let acked = false;
    const pending = a.send(txt('b', 'sent while read-only')).then(() => (acked = true));
    expect(acked).toBe(false);

    await admin.query('SET default_transaction_read_only = off');
    await admin.query('ALTER SYSTEM RESET default_transaction_read_only');
    await admin.query('SELECT pg_reload_conf()');
    await pending; // the SDK's own retry, no call from the app
    await waitFor(() => inbox.texts().includes('sent while read-only'), 'the retried send delivered', 30_000);
    expect((await a.send(txt('b', 'after'))).serverMsgId).toEqual(expect.any(String));
  }, 120_000);

  it.skipIf(!canMount)(
    'disk full: sends get STORAGE_FULL, then the pending SDK send goes through',
    async () => {
      disk = tmpfsDisk(40);
      const location = join(disk.dir, 'tablespace');
      mkdirSync(location);
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
      chownSync(location, uid, gid);
      await admin.query(`CREATE TABLESPACE small LOCATION '${location}'`);
      const name = `small_${process.pid}`;
      await admin.query(`CREATE DATABASE ${name} TABLESPACE small`);
      env = await startEnv({ db: { url: pgs.url.replace(/\/postgres$/, `/${name}`) } } as never);
      await env.users('a', 'b');
      const token = await adminToken(env.srv);
      const { conn: a } = await env.login('a');
      const { inbox } = await env.login('b');
      await a.send(txt('b', 'before'));

      disk.fill();
      const refused = await sendUntilRefused(env, token);
      expect(refused.status).toBe(507);
      expect(refused.body).toMatchObject({ name: 'STORAGE_FULL', code: 5006, error: 'service_unavailable' });
      await sdkWhileRefused(env, 'STORAGE_FULL');
      const pending = a.send(txt('b', `sent while full ${PAD}`));

      disk.free();
      await pending;
      await waitFor(
        () => inbox.texts().some((t) => t.startsWith('sent while full')),
        'the retried send delivered',
        30_000,
      );
    },
    180_000,
  );
});
