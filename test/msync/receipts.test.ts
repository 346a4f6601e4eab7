/** Read and delivery receipts, conversation read (channel ack) and recall between the two SDKs. */
import SDK from '@pigeon/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inbox } from '../helpers/env.js';
import { waitFor } from '../helpers/wait.js';
import { loadEasemobWeb, type EmAny } from './easemob-web.js';
import { startEmEnv, type EmEnv } from './em-env.js';

let env: EmEnv;
const EC = loadEasemobWeb();
let bob: Awaited<ReturnType<EmEnv['login']>>;
let alice: { conn: EmAny; inbox: Inbox };

beforeAll(async () => {
  env = await startEmEnv();
  await env.users('alice', 'bob');
  bob = await env.login('bob');
  alice = await env.emLogin('alice');
});
afterAll(() => env.close());

const fromBob = async (msg: string) => {
  const r = await bob.conn.send(SDK.message.create({ type: 'txt', chatType: 'singleChat', to: 'alice', msg }));
  await waitFor(() => alice.inbox.texts().includes(msg), msg);
  return r.serverMsgId;
};
const fromAlice = async (msg: string) => {
  const r = await alice.conn.send(EC.message.create({ type: 'txt', chatType: 'singleChat', to: 'bob', msg }));
  await waitFor(() => bob.inbox.texts().includes(msg), msg);
  return r.serverMsgId as string;
};

describe('receipts and recall', () => {
  it('an Easemob read receipt reaches the Pigeon sender as onReadMessage', async () => {
    const id = await fromBob('read me');
    await alice.conn.send(EC.message.create({ type: 'read', chatType: 'singleChat', to: 'bob', id }));
    const r = await waitFor(() => bob.inbox.of('onReadMessage')[0] as EmAny, 'onReadMessage');
    expect(r).toMatchObject({ from: 'alice', mid: id });
  });

  it('an Easemob delivery receipt reaches the Pigeon sender as onDeliveredMessage', async () => {
    const id = await fromBob('deliver me');
    await alice.conn.send(EC.message.create({ type: 'delivery', chatType: 'singleChat', to: 'bob', ackId: id }));
    const r = await waitFor(() => bob.inbox.of('onDeliveredMessage').find((d: EmAny) => d.mid === id), 'delivered');
    expect(r).toMatchObject({ from: 'alice' });
  });

  it('Pigeon read and delivery receipts and a channel ack reach the Easemob sender', async () => {
    const id = await fromAlice('ack me');
    await bob.conn.send(SDK.message.create({ type: 'delivery', to: 'alice', id } as never));
    await bob.conn.send(SDK.message.create({ type: 'read', chatType: 'singleChat', to: 'alice', id } as never));
    expect(await waitFor(() => alice.inbox.of('onDeliveredMessage')[0] as EmAny, 'delivered')).toMatchObject({
      from: 'bob',
      mid: id,
    });
    expect(await waitFor(() => alice.inbox.of('onReadMessage')[0] as EmAny, 'read')).toMatchObject({
      from: 'bob',
      mid: id,
    });
    await fromAlice('read them all');
    await bob.conn.send(SDK.message.create({ type: 'channel', chatType: 'singleChat', to: 'alice' } as never));
    expect(await waitFor(() => alice.inbox.of('onChannelMessage')[0] as EmAny, 'channel')).toMatchObject({
      from: 'bob',
    });
  });

  it('recall both ways', async () => {
    const mine = await fromAlice('oops');
    await alice.conn.recallMessage({ mid: mine, to: 'bob', chatType: 'singleChat' });
    expect(await waitFor(() => bob.inbox.of('onRecallMessage')[0] as EmAny, 'recall at bob')).toMatchObject({
      from: 'alice',
      mid: mine,
    });
    const theirs = await fromBob('oops too');
    await bob.conn.recallMessage({ mid: theirs, to: 'alice', chatType: 'singleChat' });
    expect(await waitFor(() => alice.inbox.of('onRecallMessage')[0] as EmAny, 'recall at alice')).toMatchObject({
      from: 'bob',
      mid: theirs,
    });
  });

  it("recalling someone else's message is refused with the SDK's error", async () => {
    const theirs = await fromBob('not yours');
    await expect(alice.conn.recallMessage({ mid: theirs, to: 'bob', chatType: 'singleChat' })).rejects.toMatchObject({
      type: 503,
    });
  });
});
