// Secrets stay secret: with logging at trace, a session of logins (right and wrong), registrations,
// token grants, password changes, bad frames and REST errors writes no client secret, password,
// password hash or token into the log; and no REST answer carries a password or its hash.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import SDK from '@pigeon/sdk';
import { startChildServer, type ChildServer } from '../helpers/child-server.js';

const dataDir = mkdtempSync(join(tmpdir(), 'pigeon-secrets-'));
let srv: ChildServer;
beforeAll(async () => {
  srv = await startChildServer(dataDir, 0, [], { PIGEON_LOG_LEVEL: 'trace' });
});
afterAll(async () => {
  await srv?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function call(method: string, path: string, body?: unknown, token?: string) {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${srv.httpUrl}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}

/** The client secret is printed once in the start banner (stdout); the log is the JSON lines on stderr. */
const logLines = () =>
  srv
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'));

describe('secrets in logs and responses', () => {
  it('a busy session at log level trace leaves no secret, password, hash or token in the log', async () => {
    const secret = /client secret\s*:?\s*(\S+)/i.exec(srv.output())?.[1];
    const clientId = /client id\s*:?\s*(\S+)/i.exec(srv.output())?.[1];
    expect(secret, srv.output()).toBeTruthy();
    const password = 'Correct-Horse-Battery-9';
    const newPassword = 'Another-Staple-42';
    const answers: string[] = [];
    const keep = async (p: Promise<{ status: number; text: string }>) => {
      const r = await p;
      answers.push(r.text);
      return r;
    };
    await keep(call('POST', '/pigeon/demo/users', { username: 'sam', password }));
    await keep(call('POST', '/pigeon/demo/users', { username: 'sam', password }));
    const admin = JSON.parse(
      (
        await keep(
          call('POST', '/pigeon/demo/token', {
            grant_type: 'client_credentials',
            client_id: clientId,
            client_secret: secret,
          }),
        )
      ).text,
    ).access_token as string;
    await keep(
      call('POST', '/pigeon/demo/token', {
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: `${secret}x`,
      }),
    );
    await keep(
      call('POST', '/pigeon/demo/token', { grant_type: 'password', username: 'sam', password: `${password}!` }),
    );
    const user = JSON.parse(
      (await keep(call('POST', '/pigeon/demo/token', { grant_type: 'password', username: 'sam', password }))).text,
    ).access_token as string;
    expect(admin).toMatch(/^ey/);
    expect(user).toMatch(/^ey/);
    await keep(call('GET', '/pigeon/demo/users/sam', undefined, admin));
    await keep(call('GET', '/pigeon/demo/users', undefined, admin));
    await keep(call('PUT', '/pigeon/demo/users/sam/password', { newpassword: newPassword }, admin));
    await keep(call('GET', '/pigeon/demo/users/sam', undefined, user)); // revoked now
    await keep(call('POST', '/pigeon/demo/users', '{not json', admin));
    // The SDK logs in (REST password grant, then the WebSocket) and sends; a raw socket sends junk.
    const conn = new SDK.connection({
      appKey: 'pigeon#demo',
      url: srv.wsUrl,
      apiUrl: srv.httpUrl,
      platform: 'node',
    } as never);
    await conn.open({ user: 'sam', pwd: newPassword });
    await conn.send(SDK.message.create({ type: 'txt', chatType: 'singleChat', to: 'sam', msg: 'hi' }));
    await conn.close();
    const ws = new WebSocket(srv.wsUrl);
    await new Promise((r) => ws.once('open', r));
    ws.send(
      JSON.stringify({
        id: 1,
        op: 'auth',
        d: { v: 1, appKey: 'pigeon#demo', token: user, platform: 'node', deviceId: 'x' },
      }),
    );
    await new Promise((r) => ws.once('close', r));

    const log = logLines().join('\n');
    expect(logLines().length).toBeGreaterThan(0);
    for (const [what, value] of Object.entries({ secret, password, newPassword, admin, user }))
      expect(log.includes(value!), `${what} appears in the log`).toBe(false);
    expect(log).not.toMatch(/scrypt\$/);
    const all = answers.join('\n');
    expect(all).not.toMatch(/scrypt\$|passwordHash|password_hash/);
    expect(all.includes(password) || all.includes(newPassword)).toBe(false);
  });
});
