/**
 * The one-file build (dist/pigeon.mjs, what `npm start` runs): built here with esbuild from the
 * current sources, it starts, serves REST and WebSocket, stores and delivers a message, and shuts down.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startCli } from './helpers/cli.js';
import { tempDir } from './helpers/server.js';
import { RawClient } from './helpers/ws-client.js';

const PKG = fileURLToPath(new URL('..', import.meta.url));
const BUNDLE = join(PKG, 'dist', 'pigeon.mjs');
const run = (args: string[]) => execFileSync(process.execPath, [BUNDLE, ...args], { encoding: 'utf8' });

/** Every file `pigeon start` loads before its ready line: the entry, the start chunk and their static imports. */
function startClosure(): Map<string, string> {
  const read = (f: string) => readFileSync(join(PKG, 'dist', f), 'utf8');
  const start = /import\("\.\/(pigeon\.start\.[A-Z0-9]+\.mjs)"\)/.exec(read('pigeon.mjs'))?.[1];
  const files = new Map<string, string>();
  const visit = (f: string) => {
    if (files.has(f)) return;
    files.set(f, read(f));
    for (const m of files.get(f)!.matchAll(/(?:^|[;}\n])import\s*(?:[^"'()]*?from\s*)?"\.\/([^"]+)"/g)) visit(m[1]!);
  };
  visit('pigeon.mjs');
  if (start) visit(start);
  return files;
}

describe('pigeon bundle (dist/pigeon.mjs)', () => {
  const dir = tempDir('pigeon-bundle-');
  beforeAll(() => {
    execFileSync(process.execPath, [join(PKG, 'scripts', 'bundle.mjs')], { stdio: 'inherit' });
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('start loads neither sharp nor the msync gateway (separate chunks, loaded on first use)', () => {
    const files = startClosure();
    expect([...files.keys()].some((f) => f.startsWith('pigeon.start.'))).toBe(true);
    const text = [...files.values()].join('\n');
    expect(text).toContain('pigeon ready');
    expect(text).not.toMatch(/from\s*"sharp"/);
    expect(text).not.toContain('easemob.pb');
  });

  it('start serves REST and WebSocket from the one file: a message is stored, delivered and pulled back', async () => {
    const s = await startCli(['--port', '0', '--host', '127.0.0.1', '--data', dir], BUNDLE);
    expect((await fetch(`${s.url}/health`)).status).toBe(200);
    for (const username of ['ann', 'bob'])
      await fetch(`${s.url}/pigeon/demo/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username }),
      });
    const token = (user: string) => run(['token', '--app', 'pigeon#demo', '--user', user, '--data', dir]).trim();
    const ann = await RawClient.login(s.wsUrl, 'pigeon#demo', token('ann'));
    const bob = await RawClient.login(s.wsUrl, 'pigeon#demo', token('bob'));
    const ack = await ann.ok('msg.send', {
      msg: { cid: 'c1', chat: 'single', to: 'bob', type: 'txt', body: { text: 'hi' } },
    });
    expect(ack).toMatchObject({ cid: 'c1', seq: 1 });
    expect((await bob.event('msg')).body).toEqual({ text: 'hi' });
    const pulled = await bob.ok('msg.pull', { conv: (ack as { conv: string }).conv, afterSeq: 0, limit: 10 });
    expect(JSON.stringify(pulled)).toContain('"cid":"c1"');
    // The msync endpoint's chunk loads on this first upgrade, which still completes.
    const msync = new WebSocket(s.wsUrl.replace(/\/ws$/, '/websocket'));
    await new Promise((resolve, reject) => msync.once('open', resolve).once('error', reject));
    msync.close();
    s.child.kill('SIGTERM');
    expect((await ann.closed).code).toBe(1001);
    expect(await s.exited).toBe(0);
  }, 60_000);
});
