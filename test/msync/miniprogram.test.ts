/** The unmodified Easemob mini-program build, on a simulated `wx`, against the real server. */
import SDK from '@pigeon/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Inbox } from '../helpers/env.js';
import { waitFor } from '../helpers/wait.js';
import type { EmAny } from './easemob-web.js';
import { startEmEnv, type EmEnv } from './em-env.js';
import { loadEasemobMiniProgram } from './wx-sim.js';

let env: EmEnv;
const EC = loadEasemobMiniProgram();

beforeAll(async () => {
  env = await startEmEnv();
  await env.users('mia', 'max');
});
afterAll(() => env.close());

/** This build's connection to the test server (closed with the environment). */
const conn = (): EmAny => env.em({}, EC);

describe('easemob-websdk mini-program build (wx)', () => {
  it('logs in with a password and chats 1:1 both ways with a Pigeon-SDK user', async () => {
    const mia = conn();
    const inbox = new Inbox(mia);
    await mia.open({ user: 'mia', pwd: 'pw-mia' });
    const max = await env.login('max');
    await mia.send(EC.message.create({ type: 'txt', chatType: 'singleChat', to: 'max', msg: 'from wx' }));
    await waitFor(() => max.inbox.texts().includes('from wx'), 'max gets it');
    await max.conn.send(SDK.message.create({ type: 'txt', chatType: 'singleChat', to: 'mia', msg: 'to wx' }));
    const got = await waitFor(() => inbox.messages().find((m) => m.msg === 'to wx') as EmAny, 'mia gets it');
    expect(got).toMatchObject({ from: 'max', to: 'mia' });
    // A GET with data (wx.request appends it to the URL the SDK already built): the conversation list.
    const list = await mia.getServerConversations({ pageSize: 5, cursor: '' });
    expect(list.data.conversations).toMatchObject([{ conversationId: 'max', unReadCount: 1 }]);
  });

  it('rejects a wrong password', async () => {
    await expect(conn().open({ user: 'mia', pwd: 'bad' })).rejects.toMatchObject({ type: 1 });
  });
});
