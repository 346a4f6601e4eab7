import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { tempDir } from './helpers/server.js';
import { ensureBuilt, runCli, startCli } from './helpers/cli.js';
import { RawClient } from './helpers/ws-client.js';

describe('pigeon CLI (built dist/cli.js)', () => {
  const dir = tempDir('pigeon-cli-');
  beforeAll(() => ensureBuilt(), 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--help lists the commands; start --help lists every setting with its environment variable', () => {
    expect(runCli(['--help'])).toMatch(/pigeon start[\s\S]*pigeon token[\s\S]*pigeon app create[\s\S]*pigeon app list/);
    const start = runCli(['start', '--help']);
    for (const s of [
      '--port',
      'PORT',
      '--data',
      'PIGEON_DATA_DIR',
      '--durability',
      '--config',
      'PIGEON_LOG_LEVEL',
      'PIGEON_CODE_CACHE',
    ])
      expect(start).toContain(s);
  });

  it('an unknown command or flag exits non-zero with a message', () => {
    expect(() => runCli(['fly'])).toThrow(/Unknown command/);
    expect(() => runCli(['start', '--warp'])).toThrow();
  });

  it('start prints the banner (appKey, client id and secret, URLs, open-registration note) ending with the ready line; SIGTERM sends goaway and exits 0', async () => {
    const s = await startCli(['--port', '0', '--host', '127.0.0.1', '--data', dir]);
    const out = s.stdout();
    expect(out).toMatch(/appKey:\s+pigeon#demo/);
    expect(out).toMatch(/client id:\s+YXA6\S+/);
    expect(out).toMatch(/client secret:\s+YXA6\S+/);
    expect(out).toContain(`REST API:      ${s.url}`);
    expect(out).toContain(`WebSocket:     ${s.wsUrl}`);
    expect(out).toMatch(/open registration ON/);
    expect(out.trimEnd().split('\n').pop()).toMatch(/^Pigeon ready on http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${s.url}/health`)).status).toBe(200);

    await fetch(`${s.url}/pigeon/demo/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'zed' }),
    });
    const token = runCli(['token', '--app', 'pigeon#demo', '--user', 'zed', '--ttl', '180d', '--data', dir]).trim();
    const c = await RawClient.login(s.wsUrl, 'pigeon#demo', token);
    s.child.kill('SIGTERM');
    expect((await c.event('goaway')).reason).toBe('server shutting down');
    expect((await c.closed).code).toBe(1001);
    expect(await s.exited).toBe(0);
  }, 60_000);

  it('token with --secret mints without a database; app create and app list manage apps offline', async () => {
    const t = runCli(['token', '--app', 'x#y', '--user', 'u', '--secret', 's3cret', '--ttl', '1h']).trim();
    const claims = JSON.parse(Buffer.from(t.split('.')[1]!, 'base64url').toString()) as {
      sub: string;
      app: string;
      exp: number;
      iat: number;
    };
    expect(claims).toMatchObject({ sub: 'u', app: 'x#y' });
    expect(claims.exp - claims.iat).toBe(3600);
    const created = runCli(['app', 'create', '--app', 'acme#shop', '--multi-device', 'single', '--data', dir]);
    expect(created).toMatch(/appKey:\s+acme#shop/);
    expect(created).toMatch(/"openRegistration":false/);
    expect(created).toMatch(/"multiDevice":"single"/);
    expect(runCli(['app', 'list', '--data', dir])).toMatch(/pigeon#demo[\s\S]*acme#shop/);
    expect(() => runCli(['token', '--app', 'nope#nope', '--user', 'u', '--data', dir])).toThrow(/No app nope#nope/);
  });
});
