/** 1:1 chat between an Easemob-SDK user and a Pigeon-SDK user, both ways, online and offline. */
import SDK from '@pigeon/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait.js';
import { loadEasemobWeb } from './easemob-web.js';
import { startEmEnv, type EmEnv } from './em-env.js';

let env: EmEnv;
const EC = loadEasemobWeb();

beforeAll(async () => {
  env = await startEmEnv();
  await env.users('alice', 'bob', 'dave', 'erin');
});
afterAll(() => env.close());

const text = (to: string, msg: string, ext?: Record<string, unknown>) =>
  EC.message.create({ type: 'txt', chatType: 'singleChat', to, msg, ...(ext ? { ext } : {}) });

describe('1:1 text between the Easemob and Pigeon SDKs', () => {
  it('Easemob -> Pigeon: acked with the server id, received with its ext', async () => {
    const bob = await env.login('bob');
    const alice = await env.emLogin('alice');
    const ext = { s: 'v', i: 42, f: 1.5, b: true, o: { nested: [1, 'x'] } };
    const res = await alice.conn.send(text('bob', 'hello bob', ext));
    expect(res.serverMsgId).toMatch(/^\d+$/);
    const got = await waitFor(
      () => bob.inbox.messages().find((m) => m.id === res.serverMsgId),
      'bob.inbox.messages().find((m) => m.id === res.serverMsgId)',
    );
    expect(got).toMatchObject({ type: 'txt', from: 'alice', to: 'bob', msg: 'hello bob', ext });
    alice.conn.close();
    await bob.conn.close();
  });

  it('Pigeon -> Easemob: delivered by NOTICE + SYNC with ext values of every type', async () => {
    const bob = await env.login('bob');
    const alice = await env.emLogin('alice');
    const ext = { s: 'v', i: -7, f: 2.25, b: false, arr: [1, 2], obj: { k: 'v' } };
    const sent = await bob.conn.send(
      SDK.message.create({ type: 'txt', chatType: 'singleChat', to: 'alice', msg: 'hi alice', ext }),
    );
    const got = await waitFor(
      () => alice.inbox.messages().find((m) => m.msg === 'hi alice'),
      'alice.inbox.messages().find((m) => m.msg === "hi alice")',
    );
    expect(got).toMatchObject({ id: sent.serverMsgId, from: 'bob', to: 'alice', chatType: 'singleChat', ext });
    alice.conn.close();
    await bob.conn.close();
  });

  it('Easemob <-> Easemob, and offline messages arrive through UNREAD after a reconnect', async () => {
    const dave = await env.emLogin('dave');
    const erin = await env.emLogin('erin');
    await dave.conn.send(text('erin', 'online one'));
    await waitFor(() => erin.inbox.texts().includes('online one'), 'erin.inbox.texts().includes("online one")');
    erin.conn.close();
    await waitFor(
      () => !env.srv.core.hub.sessions().some((s) => s.user === 'erin'),
      '!env.srv.core.hub.sessions().some((s) => s.user === "erin")',
    );
    await dave.conn.send(text('erin', 'offline one'));
    await dave.conn.send(text('erin', 'offline two'));
    const again = await env.emLogin('erin');
    await waitFor(
      () => again.inbox.of('onOfflineMessageSyncFinish').length > 0,
      'again.inbox.of("onOfflineMessageSyncFinish").length > 0',
    );
    await waitFor(() => again.inbox.texts().length >= 2, 'again.inbox.texts().length >= 2');
    expect(again.inbox.texts()).toEqual(['offline one', 'offline two']);
    dave.conn.close();
    again.conn.close();
  });

  it('a message to an unknown user is refused with the SDK user-not-found error', async () => {
    const dave = await env.emLogin('dave');
    await expect(dave.conn.send(text('nobody-here', 'hello?'))).rejects.toMatchObject({ type: 204 });
    dave.conn.close();
  });
});
