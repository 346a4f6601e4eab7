// The app's backend over REST reaching SDK users, and tenants kept apart end to end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import SDK, { PigeonError } from '@pigeon/sdk';
import { mintUserToken } from '@pigeon/server';
import { startEnv, type TestEnv } from '../helpers/env.js';
import { waitFor } from '../helpers/wait.js';

let env: TestEnv;
let other: Awaited<ReturnType<TestEnv['srv']['createApp']>>;
beforeAll(async () => {
  env = await startEnv();
  await env.users('olga', 'pete');
  other = await env.srv.createApp({ org: 'other', name: 'app', settings: { openRegistration: true } as never });
  await fetch(`${env.srv.httpUrl}/other/app/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'olga', password: 'pw-other' }),
  });
});
afterAll(() => env.close());

async function adminToken(org: string, app: string, clientId: string, clientSecret: string): Promise<string> {
  const res = await fetch(`${env.srv.httpUrl}/${org}/${app}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

describe("the app's backend", () => {
  it('an admin send over REST (POST /messages/users) reaches an online SDK user with its ext', async () => {
    const d = env.srv.defaultApp!;
    const token = await adminToken(d.org, d.name, d.clientId, d.clientSecret);
    const olga = await env.login('olga');
    const res = await fetch(`${env.srv.httpUrl}/${d.org}/${d.name}/messages/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        from: 'admin',
        to: ['olga'],
        type: 'txt',
        body: { msg: 'system notice' },
        ext: { level: 'info' },
      }),
    });
    expect(res.status).toBe(200);
    const got = await waitFor(
      () => olga.inbox.of('onTextMessage')[0] as { msg: string; ext: unknown } | undefined,
      'admin message',
    );
    expect(got).toMatchObject({ msg: 'system notice', ext: { level: 'info' } });
    await olga.conn.close();
  });

  it('a token minted offline from the app secret logs the SDK in with accessToken', async () => {
    const d = env.srv.defaultApp!;
    const token = await mintUserToken({
      appKey: d.appKey,
      clientSecret: d.clientSecret,
      user: 'pete',
      ttlSeconds: 3600,
    });
    const conn = env.connection();
    await conn.open({ user: 'pete', accessToken: token });
    expect(conn.isOpened()).toBe(true);
    await conn.close();
  });
});

describe('tenant isolation', () => {
  it('a user token of app A opens no session on app B, even for a user of the same name', async () => {
    const d = env.srv.defaultApp!;
    const tokenA = await mintUserToken({
      appKey: d.appKey,
      clientSecret: d.clientSecret,
      user: 'olga',
      ttlSeconds: 3600,
    });
    const conn = env.connection({ appKey: other.appKey });
    const err = await conn.open({ user: 'olga', accessToken: tokenA }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PigeonError);
    expect(['WRONG_TENANT', 'TOKEN_INVALID']).toContain((err as PigeonError).type);
  });

  it("app A's admin token cannot read or write app B over REST", async () => {
    const d = env.srv.defaultApp!;
    const tokenA = await adminToken(d.org, d.name, d.clientId, d.clientSecret);
    const read = await fetch(`${env.srv.httpUrl}/other/app/users/olga`, {
      headers: { authorization: `Bearer ${tokenA}` },
    });
    expect(read.status).toBe(403);
    expect(await read.json()).toMatchObject({ name: 'WRONG_TENANT' });
    const write = await fetch(`${env.srv.httpUrl}/other/app/messages/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenA}` },
      body: JSON.stringify({ from: 'admin', to: ['olga'], type: 'txt', body: { msg: 'x' } }),
    });
    expect(write.status).toBe(403);
  });

  it("users of two apps with the same name never see each other's messages", async () => {
    const a = await env.login('olga');
    const b = env.connection({ appKey: other.appKey });
    const bInbox: string[] = [];
    b.addEventHandler('x', { onTextMessage: (m: { msg: string }) => bInbox.push(m.msg) });
    await b.open({ user: 'olga', pwd: 'pw-other' });
    await a.conn.send(SDK.message.create({ type: 'txt', chatType: 'singleChat', to: 'pete', msg: 'app A only' }));
    const sent = await b
      .send(SDK.message.create({ type: 'txt', chatType: 'singleChat', to: 'pete', msg: 'to nobody' }))
      .catch((e: unknown) => e);
    expect((sent as PigeonError).type).toBe('USER_NOT_FOUND'); // pete exists only in app A
    const history = await b.getServerConversations();
    expect(history.data.conversations).toEqual([]);
    expect(bInbox).toEqual([]);
    await Promise.all([a.conn.close(), b.close()]);
  });
});
