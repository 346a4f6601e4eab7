import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { tempDir } from './helpers/server.js';
import { ensureBuilt, startCli } from './helpers/cli.js';
import { RawClient, txt } from './helpers/ws-client.js';

async function register(url: string, user: string): Promise<string> {
  const r = await fetch(`${url}/pigeon/demo/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: user, password: 'pw' }),
  });
  expect([200, 400]).toContain(r.status); // 400: exists from before the crash
  const t = await fetch(`${url}/pigeon/demo/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'password', username: user, password: 'pw' }),
  });
  return ((await t.json()) as { access_token: string }).access_token;
}

describe('durability of acked messages', () => {
  const dir = tempDir('pigeon-kill9-');
  beforeAll(() => ensureBuilt(), 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('kill -9 right after the acks loses nothing: restart on the same data dir and pull every acked message', async () => {
    const first = await startCli(['--port', '0', '--host', '127.0.0.1', '--data', dir, '--sends-per-second', '10000']);
    await register(first.url, 'bob');
    const alice = await RawClient.login(first.wsUrl, 'pigeon#demo', await register(first.url, 'alice'));
    const N = 300;
    const acks = await Promise.all(
      Array.from({ length: N }, (_, i) => alice.ok('msg.send', txt('bob', `m${i}`, `kill-${i}`))),
    );
    first.child.kill('SIGKILL');
    await first.exited;

    const second = await startCli(['--port', '0', '--host', '127.0.0.1', '--data', dir]);
    const bob = await RawClient.login(second.wsUrl, 'pigeon#demo', await register(second.url, 'bob'));
    const got: Array<{ id: string; seq: number; cid: string }> = [];
    let after = 0;
    for (;;) {
      const page = await bob.ok('msg.pull', { conv: 's:alice:bob', afterSeq: after, limit: 200 });
      got.push(...page.msgs);
      if (!page.hasMore) break;
      after = page.msgs[page.msgs.length - 1].seq;
    }
    const byCid = new Map(got.map((m) => [m.cid, m]));
    for (const ack of acks) expect(byCid.get(ack.cid)).toMatchObject({ id: ack.id, seq: ack.seq });
    expect(got.map((m) => m.seq)).toEqual(Array.from({ length: got.length }, (_, i) => i + 1));
    bob.close();
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 60_000);
});
