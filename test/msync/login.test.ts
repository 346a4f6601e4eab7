/** The unmodified Easemob Web SDK logs in to Pigeon: password, token, bad password, kicks. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait.js';
import { startEmEnv, type EmEnv } from './em-env.js';
import { Inbox } from '../helpers/env.js';

let env: EmEnv;

beforeAll(async () => {
  env = await startEmEnv();
  await env.users('alice', 'bob', 'carol');
});
afterAll(() => env.close());

describe('easemob-websdk login', () => {
  it('logs in with a password (REST /token then PROVISION)', async () => {
    const { conn, inbox } = await env.emLogin('alice');
    expect(conn.isOpened()).toBe(true);
    await waitFor(() => inbox.of('onConnected').length === 1, 'inbox.of("onConnected").length === 1');
    conn.close();
  });

  it('logs in with a token minted by the app backend', async () => {
    const conn = env.em();
    const token = await fetch(`${env.srv.httpUrl}/${env.srv.defaultApp!.appKey.replace('#', '/')}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'password', username: 'bob', password: 'pw-bob' }),
    }).then(async (r) => ((await r.json()) as { access_token: string }).access_token);
    const res = await conn.open({ user: 'bob', accessToken: token });
    expect(res.accessToken).toBe(token);
    expect(conn.isOpened()).toBe(true);
    conn.close();
  });

  it('rejects a wrong password with the SDK open error', async () => {
    const conn = env.em();
    await expect(conn.open({ user: 'alice', pwd: 'nope' })).rejects.toMatchObject({ type: 1 });
  });

  it('rejects a forged token with the auth error', async () => {
    const conn = env.em();
    const inbox = new Inbox(conn);
    await expect(conn.open({ user: 'alice', accessToken: 'not-a-token' })).rejects.toBeTruthy();
    expect(inbox.of('onError')[0]).toMatchObject({ type: 2 });
  });

  it('rejects a token of another user (token does not match login info)', async () => {
    const conn = env.em();
    const token = await env.srv.core.auth.userToken(
      await env.srv.core.apps.get(env.srv.defaultApp!.appKey),
      await env.srv.core.users.get(await env.srv.core.apps.get(env.srv.defaultApp!.appKey), 'bob'),
    );
    await expect(conn.open({ user: 'alice', accessToken: token.token })).rejects.toMatchObject({ type: 28 });
  });

  it('kicks the first session when the user logs in on another device (single-device app)', async () => {
    await env.srv.updateAppSettings(env.srv.defaultApp!.appKey, { multiDevice: 'single' });
    const first = await env.emLogin('carol', { deviceId: 'phone', isFixedDeviceId: false });
    const second = await env.emLogin('carol', { deviceId: 'laptop', isFixedDeviceId: false });
    await waitFor(() => first.inbox.of('onError').length > 0, 'first.inbox.of("onError").length > 0');
    expect(first.inbox.of('onError')[0]).toMatchObject({ type: 206 });
    await waitFor(() => first.inbox.of('onDisconnected').length > 0, 'first.inbox.of("onDisconnected").length > 0');
    expect(second.conn.isOpened()).toBe(true);
    expect(second.inbox.of('onError')).toEqual([]);
    second.conn.close();
  });
});
