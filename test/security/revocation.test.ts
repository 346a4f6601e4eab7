// Revocation reaches live connections at once: a password change, a deactivation and a forced logout
// close every open session of the user (with the reason), and the old token opens no new one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../packages/server/test/helpers/server.js';
import { RawClient } from '../../packages/server/test/helpers/ws-client.js';

let s: TestServer;
let admin: string;
beforeAll(async () => {
  s = await startTestServer();
  await s.createUsers(['pat', 'dee', 'lou']);
  admin = await s.adminToken();
});
afterAll(() => s.close());

async function passwordToken(user: string, password = `pw-${user}`): Promise<string> {
  const r = await s.rest('POST', '/pigeon/demo/token', { body: { grant_type: 'password', username: user, password } });
  return r.body.access_token as string;
}

const open = (token: string, deviceId: string) =>
  RawClient.login(s.wsUrl, 'pigeon#demo', token, { deviceId, platform: deviceId });

describe('token revocation on live connections', () => {
  it('a password change closes every session of the user with kicked(password_changed); the old token is refused', async () => {
    const token = await passwordToken('pat');
    const web = await open(token, 'web');
    const ios = await open(token, 'node');
    expect(
      (await s.rest('PUT', '/pigeon/demo/users/pat/password', { token: admin, body: { newpassword: 'n3w' } })).status,
    ).toBe(200);
    for (const c of [web, ios]) {
      expect((await c.event('kicked')).reason).toBe('password_changed');
      expect((await c.closed).code).toBe(4003);
    }
    const again = await RawClient.open(s.wsUrl);
    const r = await again.request('auth', { v: 1, appKey: 'pigeon#demo', token, platform: 'web', deviceId: 'x' });
    expect(r.err.name).toBe('TOKEN_INVALID');
    expect((await s.rest('GET', '/pigeon/demo/users/pat', { token })).body.name).toBe('TOKEN_INVALID');
    expect(await open(await passwordToken('pat', 'n3w'), 'web')).toBeTruthy();
  });

  it('deactivation closes sessions with 4007 and the token stops working', async () => {
    const token = await passwordToken('dee');
    const c = await open(token, 'web');
    await s.rest('POST', '/pigeon/demo/users/dee/deactivate', { token: admin });
    expect((await c.closed).code).toBe(4007);
    expect((await s.rest('GET', '/pigeon/demo/users/dee', { token })).status).toBeGreaterThanOrEqual(400);
  });

  it('logout everywhere (admin disconnect) closes every device of the user and no one else', async () => {
    const a = await open(await passwordToken('lou'), 'web');
    const b = await open(await passwordToken('lou'), 'node');
    const bystander = await open(await passwordToken('pat', 'n3w'), 'node');
    await s.rest('GET', '/pigeon/demo/users/lou/disconnect', { token: admin });
    for (const c of [a, b]) expect((await c.closed).code).toBe(4003);
    expect((await bystander.ok('ping')).t).toBeGreaterThan(0);
    bystander.close();
  });
});
