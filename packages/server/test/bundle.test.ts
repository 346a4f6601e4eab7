/**
 * The one-file build (dist/pigeon.mjs running dist/pigeon-bundle.cjs, what `npm start` runs): built
 * here with esbuild from the current sources, it starts, serves REST and WebSocket, stores and
 * delivers a message, and shuts down; with its V8 code cache missing, present, corrupt or off.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startCli } from './helpers/cli.js';
import { tempDir } from './helpers/server.js';
import { until } from './helpers/wait.js';
import { RawClient } from './helpers/ws-client.js';

const PKG = fileURLToPath(new URL('..', import.meta.url));
const BUNDLE = join(PKG, 'dist', 'pigeon.mjs');
const run = (args: string[]) => execFileSync(process.execPath, [BUNDLE, ...args], { encoding: 'utf8' });

/** Whether a process has mapped libvips, sharp's native library (Linux: /proc/<pid>/maps). */
const mapsLibvips = (pid: number) => readFileSync(`/proc/${pid}/maps`, 'utf8').includes('libvips');

/** Starts the bundle with its code cache in `cacheDir`, checks it serves, and stops it; returns the banner. */
async function startAndStop(dataDir: string, cacheDir: string): Promise<string> {
  const s = await startCli(['--port', '0', '--host', '127.0.0.1', '--data', dataDir], BUNDLE, {
    PIGEON_CODE_CACHE: cacheDir,
  });
  expect((await fetch(`${s.url}/health`)).status).toBe(200);
  // Registered by the first start (open registration on pigeon#demo); later starts get "exists".
  await fetch(`${s.url}/pigeon/demo/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'ann' }),
  });
  const token = run(['token', '--app', 'pigeon#demo', '--user', 'ann', '--data', dataDir]).trim();
  const ann = await RawClient.login(s.wsUrl, 'pigeon#demo', token);
  s.child.kill('SIGTERM');
  await ann.closed;
  expect(await s.exited).toBe(0);
  return s.stdout();
}

const cacheFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.v8cache'));

describe('pigeon bundle (dist/pigeon.mjs)', () => {
  const dir = tempDir('pigeon-bundle-');
  beforeAll(() => {
    execFileSync(process.execPath, [join(PKG, 'scripts', 'bundle.mjs')], { stdio: 'inherit' });
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.runIf(process.platform === 'linux')(
    'start does not load sharp (libvips loads with the first image)',
    async () => {
      const s = await startCli(['--port', '0', '--host', '127.0.0.1', '--data', dir], BUNDLE);
      expect(mapsLibvips(s.child.pid!)).toBe(false);
      s.child.kill('SIGTERM');
      expect(await s.exited).toBe(0);
    },
    60_000,
  );

  it('code cache: written after the first ready start, used by the next, a corrupt one is refused and rewritten, off works', async () => {
    const cache = tempDir('pigeon-code-cache-');
    try {
      expect(await startAndStop(dir, cache)).toContain('code cache:    none yet');
      const [file] = await until(
        () => (cacheFiles(cache).length ? cacheFiles(cache) : undefined),
        'the code cache file',
      );
      expect(file).toMatch(/^pigeon-bundle\.[0-9a-f]{16}\.node-v[\d.]+-\w+\.v8cache$/);
      expect(await startAndStop(dir, cache)).toContain('code cache:    used');
      writeFileSync(join(cache, file!), 'not a code cache');
      expect(await startAndStop(dir, cache)).toContain('code cache:    stale, not used');
      await until(() => readFileSync(join(cache, file!)).length > 1000, 'the rewritten code cache');
      expect(await startAndStop(dir, cache)).toContain('code cache:    used');
      expect(await startAndStop(dir, 'off')).toContain('code cache:    off');
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  }, 120_000);

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
