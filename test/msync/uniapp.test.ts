/** The unmodified Easemob uni-app build, on a simulated `uni` runtime, against the real server. */
import SDK from '@pigeon/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Inbox } from '../helpers/env.js';
import { waitFor } from '../helpers/wait.js';
import type { EmAny } from './easemob-web.js';
import { startEmEnv, type EmEnv } from './em-env.js';
import { loadEasemobUniApp } from './uni-sim.js';

let env: EmEnv;
const EC = loadEasemobUniApp();

beforeAll(async () => {
  env = await startEmEnv();
  await env.users('uma', 'ugo');
});
afterAll(() => env.close());

/** This build's connection to the test server (closed with the environment). */
const conn = (): EmAny => env.em({}, EC);

describe('easemob-websdk uni-app build (uni)', () => {
  it('logs in with a password and chats 1:1 both ways with a Pigeon-SDK user', async () => {
    const uma = conn();
    const inbox = new Inbox(uma);
    await uma.open({ user: 'uma', pwd: 'pw-uma' });
    expect(env.srv.core.hub.sessions().find((s) => s.user === 'uma')?.platform).toBe('uniapp');
    const ugo = await env.login('ugo');
    const res = await uma.send(EC.message.create({ type: 'txt', chatType: 'singleChat', to: 'ugo', msg: 'from uni' }));
    const mine = await waitFor(() => ugo.inbox.messages().find((m) => m.msg === 'from uni'), 'ugo gets it');
    expect(mine).toMatchObject({ id: res.serverMsgId, from: 'uma', to: 'ugo' });
    await ugo.conn.send(SDK.message.create({ type: 'txt', chatType: 'singleChat', to: 'uma', msg: 'to uni' }));
    const got = await waitFor(() => inbox.messages().find((m) => m.msg === 'to uni') as EmAny, 'uma gets it');
    expect(got).toMatchObject({ from: 'ugo', to: 'uma', chatType: 'singleChat' });
    await ugo.conn.close();
  });

  it('logs in with a token and reads the conversation list (uni.request GET with query data)', async () => {
    const uma = conn();
    const token = await fetch(`${env.srv.httpUrl}/${env.srv.defaultApp!.appKey.replace('#', '/')}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'password', username: 'uma', password: 'pw-uma' }),
    }).then(async (r) => ((await r.json()) as { access_token: string }).access_token);
    await uma.open({ user: 'uma', accessToken: token });
    const res = await uma.getServerConversations({ pageSize: 1, cursor: '' });
    expect(res.data.conversations).toHaveLength(1);
    expect(res.data.conversations[0]).toMatchObject({ conversationId: 'ugo', conversationType: 'singleChat' });
  });

  it('rejects a wrong password', async () => {
    await expect(conn().open({ user: 'uma', pwd: 'bad' })).rejects.toMatchObject({ type: 1 });
  });
});
