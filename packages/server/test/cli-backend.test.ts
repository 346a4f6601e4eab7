// The operator commands of the built CLI: users import (100,000 rows with bad ones), export, send,
// app rotate-secret; on a real data directory and a real server.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '@pigeon/server';
import { createProgress } from '../src/cli/import/progress.js';
import { CLI, ensureBuilt, runCli } from './helpers/cli.js';
import { tempDir } from './helpers/server.js';

const dir = tempDir('pigeon-cli-backend-');
const APP = 'acme#shop';
// Every command is a fresh Node process: seconds each on a busy machine.
const SLOW = 240_000;
let secret = '';

const cli = (args: string[], env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, [CLI, ...args, '--data', dir], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
/** The CLI without blocking this process: needed while an in-process server must answer it. */
const cliAsync = (args: string[], env: Record<string, string> = {}) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args, '--data', dir], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
const userCount = (): number => {
  const db = new BetterSqlite3(join(dir, 'pigeon.db'), { readonly: true });
  try {
    const row = db
      .prepare("SELECT count(*) AS n FROM users u JOIN apps a ON a.id = u.app_id WHERE a.org = 'acme'")
      .get() as { n: number };
    return row.n;
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  await ensureBuilt();
  secret = /client secret:\s+(\S+)/.exec(runCli(['app', 'create', '--app', APP, '--data', dir]))![1]!;
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pigeon users import', () => {
  it(
    'imports a 100,000-user CSV in batches, with progress lines, and reports the bad rows by line',
    () => {
      const lines = ['username,password,nickname'];
      const bad = new Map<number, string>();
      for (let i = 0; i < 100_000; i++) {
        // Every tenth user has a password (the others log in with tokens minted by the app's backend).
        lines.push(`user${i},${i % 10 ? '' : `pw${i}`},Nick ${i}`);
        if (i % 25_000 === 7) {
          lines.push(`bad name ${i},pw,x`);
          bad.set(lines.length, 'invalid username');
        }
      }
      lines.push('user5,pw,again');
      bad.set(lines.length, 'appears earlier in the file');
      lines.push(',pw,no name');
      bad.set(lines.length, 'no username');
      lines.push(`long,pw,${'n'.repeat(101)}`);
      bad.set(lines.length, 'nickname longer than 100');
      const file = join(dir, 'users.csv');
      writeFileSync(file, `${lines.join('\n')}\n`);

      const r = cli(['users', 'import', file, '--app', APP, '--hash-cost', '16']);
      expect(r.stderr).not.toMatch(/pigeon:/);
      expect(r.code).toBe(0);
      const progress = r.stderr.split('\n').filter((l) => l.startsWith('progress: '));
      expect(progress.length).toBeGreaterThanOrEqual(10);
      expect(progress[0]).toMatch(/^progress: 10\d{3} rows read \(\d+%\), \d+ imported, \d+ rejected$/);
      expect(progress.at(-1)).toBe(`progress: 100007 rows read (100%), 100000 imported, 7 rejected`);
      expect(r.stdout).toMatch(/^imported 100000 of 100007 rows from .*users\.csv in [\d.]+ s; 7 rejected$/m);
      for (const [line, reason] of bad) expect(r.stdout).toMatch(new RegExp(`line ${line}: .*${reason}`));
      const rejects = readFileSync(`${file}.rejects.csv`, 'utf8').trim().split('\n');
      expect(rejects[0]).toBe('line,username,reason');
      expect(rejects.slice(1).map((l) => Number(l.split(',')[0]))).toEqual([...bad.keys()]);
      expect(userCount()).toBe(100_000);
    },
    SLOW,
  );

  it(
    'JSON lines and JSON arrays import too; taken names are rejects, not errors',
    () => {
      const jsonl = join(dir, 'more.jsonl');
      writeFileSync(
        jsonl,
        ['{"username":"user1"}', 'not json', '{"username":"Fresh1","password":"pw-fresh"}', ''].join('\n'),
      );
      const a = cli(['users', 'import', jsonl, '--app', APP, '--hash-cost', '16', '--rejects', join(dir, 'r.csv')]);
      expect(a.stdout).toMatch(/imported 1 of 3 rows .* 2 rejected/);
      expect(a.stdout).toMatch(/line 1: user1: already exists/);
      expect(a.stdout).toMatch(/line 2: \(none\): not JSON/);
      const json = join(dir, 'more.json');
      writeFileSync(json, JSON.stringify([{ username: 'fresh2', nickname: 'F' }, { username: 42 }, 'x']));
      const b = cli(['users', 'import', json, '--app', APP]);
      expect(b.stdout).toMatch(/imported 2 of 3 rows .* 1 rejected/);
      expect(b.stdout).toMatch(/line 3: \(none\): the entry is not an object/);
      expect(userCount()).toBe(100_003);
    },
    SLOW,
  );

  it(
    'refuses a missing app, file or bad option with a message',
    () => {
      expect(cli(['users', 'import', join(dir, 'users.csv')]).stderr).toMatch(/needs .*--app/);
      expect(cli(['users', 'import', join(dir, 'users.txt'), '--app', APP]).stderr).toMatch(/\.csv, \.json/);
      expect(cli(['users', 'import', join(dir, 'users.csv'), '--app', APP, '--batch', '0']).stderr).toMatch(/--batch/);
      expect(cli(['users', 'import', join(dir, 'users.csv'), '--app', 'no#app']).stderr).toMatch(/pigeon: /);
      expect(cli(['users', 'import', join(dir, 'users.csv'), '--app', APP, '--hash-cost', '1000']).code).toBe(1);
    },
    SLOW,
  );

  it('draws a progress bar on a terminal', () => {
    const out = Object.assign(new PassThrough(), {
      isTTY: true,
      columns: 120,
      cursorTo: () => true,
      clearLine: () => true,
      moveCursor: () => true,
    });
    let text = '';
    out.on('data', (d: Buffer) => (text += d.toString()));
    const p = createProgress(out, 1000);
    p.update(500, { rows: 50, imported: 40, rejected: 10 });
    p.stop({ rows: 100, imported: 90, rejected: 10 });
    expect(text).toMatch(/importing \[.*\] 100% \| 100 rows \| 90 imported \| 10 rejected/);
  });
});

describe('pigeon send, export and app rotate-secret', () => {
  it(
    'sends as a user and as the system through a running server, exports the conversation as JSON lines',
    async () => {
      const srv = await startServer({ port: 0, host: '127.0.0.1', dataDir: dir, logLevel: 'silent' });
      try {
        const login = await fetch(`${srv.httpUrl}/acme/shop/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ grant_type: 'password', username: 'user20', password: 'pw20' }),
        });
        expect(login.status).toBe(200); // the imported password, hashed at the cheap cost, verifies
        const base = ['send', '--app', APP, '--url', srv.httpUrl];
        const one = await cliAsync([...base, '--from', 'user1', '--to', 'user2', '--text', 'hello from the CLI']);
        expect(one.stdout.trim()).toMatch(/^\d+$/);
        const two = await cliAsync([
          ...base,
          '--to',
          'user2',
          '--type',
          'custom',
          '--body',
          '{"event":"gift"}',
          '--ext',
          '{"n":1}',
        ]);
        expect(two.code).toBe(0);
        const viaEnv = await cliAsync(['send', '--app', APP, '--to', 'user2', '--from', 'user2', '--text', 'env'], {
          PIGEON_URL: srv.httpUrl,
        });
        expect(viaEnv.code).toBe(0);
        expect((await cliAsync([...base, '--to', 'ghost', '--text', 'x'])).stderr).toMatch(/USER_NOT_FOUND/);
        expect((await cliAsync([...base, '--text', 'x'])).stderr).toMatch(/exactly one of --to/);
        expect((await cliAsync([...base, '--to', 'user2', '--body', '[1]'])).stderr).toMatch(
          /--body must be a JSON object/,
        );

        const out = join(dir, 'export.jsonl');
        const ex = await cliAsync(['export', 's:user1:user2', '--app', APP, '--out', out]);
        expect(ex.stderr).toMatch(/exported 1 messages/);
        const [msg] = readFileSync(out, 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as Record<string, unknown>);
        expect(msg).toMatchObject({
          from: 'user1',
          to: 'user2',
          type: 'txt',
          body: { text: 'hello from the CLI' },
          seq: 1,
        });
        const stdout = await cliAsync(['export', 's:admin:user2', '--app', APP]);
        const sys = stdout.stdout
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as Record<string, unknown>);
        expect(sys).toEqual([expect.objectContaining({ from: 'admin', type: 'custom', ext: { n: 1 } })]);
        expect((await cliAsync(['export', 'user1', '--app', APP])).stderr).toMatch(/not a conversation/);
      } finally {
        await srv.stop();
      }
    },
    SLOW,
  );

  it(
    'rotate-secret prints a new secret; the old one stops working',
    async () => {
      const r = await cliAsync(['app', 'rotate-secret', '--app', APP]);
      const fresh = /client secret:\s+(\S+)/.exec(r.stdout)![1]!;
      expect(fresh).not.toBe(secret);
      const srv = await startServer({ port: 0, host: '127.0.0.1', dataDir: dir, logLevel: 'silent' });
      try {
        const grant = async (s: string) => {
          const clientId = /client id:\s+(\S+)/.exec(r.stdout)![1]!;
          const res = await fetch(`${srv.httpUrl}/acme/shop/token`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ grant_type: 'client_credentials', client_id: clientId, client_secret: s }),
          });
          return res.status;
        };
        expect(await grant(secret)).toBe(400);
        expect(await grant(fresh)).toBe(200);
      } finally {
        await srv.stop();
      }
      expect((await cliAsync(['app', 'rotate-secret'])).stderr).toMatch(/needs --app/);
    },
    SLOW,
  );
});
