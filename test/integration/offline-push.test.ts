/**
 * Offline push: a recipient with no online device gets a notice rendered from the app's templates,
 * as webhook event push.offline and through every plugged-in PushProvider; online recipients and
 * the sender get none.
 */
import SDK from '@pigeon/sdk';
import type { PushNotice } from '@pigeon/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEnv, type TestEnv } from '../helpers/env.js';
import { waitFor } from '../helpers/wait.js';
import { startReceiver, type Receiver } from '../helpers/webhook-receiver.js';

let env: TestEnv;
let r: Receiver;
const plugged: PushNotice[] = [];

const txt = (to: string, msg: string) => SDK.message.create({ type: 'txt', chatType: 'singleChat', to, msg });
const pushes = (text: string) => r.of('push.offline').filter((x) => x.body.data.body.endsWith(text));
const drained = async () => {
  await env.srv.core.webhooks.hooks.settled();
  const app = await env.srv.core.apps.get(env.srv.defaultApp!.appKey);
  await waitFor(async () => (await env.srv.core.webhooks.deadLetters.counts(app)).pending === 0, 'outbox drained');
};

beforeAll(async () => {
  env = await startEnv({
    webhooks: { pollMs: 20, backoffBaseMs: 20, backoffMaxMs: 100, timeoutMs: 2000 },
    pushProviders: [{ name: 'test', push: async (n) => void plugged.push(n) }],
  });
  await env.users('amy', 'bob', 'cat');
  r = await startReceiver();
  await env.srv.updateAppSettings(env.srv.defaultApp!.appKey, {
    webhooks: { urls: [r.url], events: ['push.offline', 'message.sent'] },
    push: { enabled: true, title: '{{from}} to {{user}}', body: 'says: {{text}}' },
  });
});
afterAll(async () => {
  await env.close();
  await r.close();
});

describe('offline push', () => {
  it('goes to an offline recipient with title, body and badge from the templates', async () => {
    const amy = await env.login('amy');
    await amy.conn.send(txt('bob', 'ping 1'));
    await amy.conn.send(txt('bob', 'ping 2'));
    const second = await waitFor(() => pushes('ping 2')[0], 'push of ping 2');
    expect(second.body.data).toMatchObject({
      user: 'bob',
      from: 'amy',
      title: 'amy to bob',
      body: 'says: ping 2',
      badge: 2,
      conv: 's:amy:bob',
    });
    expect(pushes('ping 1')[0]!.body.data.badge).toBe(1);
    await waitFor(() => plugged.find((n) => n.body === 'says: ping 2'), 'plugged provider');
    await amy.conn.close();
  });

  it('none for an online recipient, nor for the sender; only offline group members get one', async () => {
    const [amy, bob] = [await env.login('amy'), await env.login('bob')];
    await amy.conn.send(txt('bob', 'while online'));
    await waitFor(() => bob.inbox.texts().includes('while online'), 'delivery');
    const gid = (await amy.conn.createGroup({ data: { groupname: 'g', members: ['bob', 'cat'] } })).data.groupid;
    await amy.conn.send(SDK.message.create({ type: 'txt', chatType: 'groupChat', to: gid, msg: 'to the group' }));
    await waitFor(() => pushes('to the group').length, 'group push');
    await waitFor(() => r.of('message.sent').find((x) => x.body.data.body.text === 'to the group'), 'message.sent');
    await drained();
    expect(pushes('while online')).toEqual([]);
    expect(pushes('to the group').map((x) => x.body.data.user)).toEqual(['cat']);
    expect(plugged.filter((n) => n.user === 'amy')).toEqual([]);
    await Promise.all([amy.conn.close(), bob.conn.close()]);
  });
});
