/**
 * Own-device sync: what a user sends from one device reaches the user's Easemob sessions on other
 * devices as sent by them (from = me, to = the peer), like Easemob's multi-device sync; the sending
 * Easemob session does not get its own message back. Both directions with the Pigeon SDK.
 */
import SDK from '@pigeon/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait.js';
import { loadEasemobWeb } from './easemob-web.js';
import { startEmEnv, type EmEnv } from './em-env.js';

let env: EmEnv;
const EC = loadEasemobWeb();
const device = (deviceId: string) => ({ deviceId, isFixedDeviceId: false });
const pigeonText = (to: string, msg: string, chatType = 'singleChat') =>
  SDK.message.create({ type: 'txt', chatType, to, msg } as never);
const emText = (to: string, msg: string, chatType = 'singleChat') =>
  EC.message.create({ type: 'txt', chatType, to, msg });

beforeAll(async () => {
  env = await startEmEnv();
  await env.users('alice', 'bob');
});
afterAll(() => env.close());

describe('own messages from another device', () => {
  it('Pigeon SDK -> own Easemob session: shown as sent by me to the peer', async () => {
    const web = await env.emLogin('alice', device('web1'));
    const phone = await env.login('alice');
    const sent = await phone.conn.send(pigeonText('bob', 'from my phone'));
    const got = await waitFor(
      () => web.inbox.messages().find((m) => m.msg === 'from my phone'),
      'the Easemob session gets the phone message',
    );
    expect(got).toMatchObject({ id: sent.serverMsgId, from: 'alice', to: 'bob', chatType: 'singleChat' });
    web.conn.close();
    await phone.conn.close();
  });

  it('Easemob session -> own Pigeon SDK and other Easemob sessions, not back to the sender', async () => {
    const web1 = await env.emLogin('alice', device('web1'));
    const web2 = await env.emLogin('alice', device('web2'));
    const phone = await env.login('alice');
    const bob = await env.login('bob');
    const res = await web1.conn.send(emText('bob', 'from web1'));
    const onPhone = await waitFor(
      () => phone.inbox.messages().find((m) => m.id === res.serverMsgId),
      'the Pigeon SDK device gets it',
    );
    expect(onPhone).toMatchObject({ from: 'alice', to: 'bob', msg: 'from web1' });
    const onWeb2 = await waitFor(
      () => web2.inbox.messages().find((m) => m.id === res.serverMsgId),
      'the other Easemob session gets it',
    );
    expect(onWeb2).toMatchObject({ from: 'alice', to: 'bob', msg: 'from web1' });
    // A later message of the same conversation reaches web1: its own message would have come first.
    await bob.conn.send(pigeonText('alice', 'reply'));
    await waitFor(() => web1.inbox.texts().includes('reply'), 'web1 gets the reply');
    expect(web1.inbox.texts()).toEqual(['reply']);
    web1.conn.close();
    web2.conn.close();
    await phone.conn.close();
    await bob.conn.close();
  });

  it('group: own message from the Pigeon SDK reaches the own Easemob session, from me to the group', async () => {
    const web = await env.emLogin('alice', device('web4'));
    const g = await web.conn.createGroup({
      data: { groupname: 'own', desc: '', members: ['bob'], public: false, approval: false, allowinvites: false },
    });
    const groupId = g.data.groupid as string;
    const phone = await env.login('alice');
    const sent = await phone.conn.send(pigeonText(groupId, 'group from phone', 'groupChat'));
    const got = await waitFor(
      () => web.inbox.messages().find((m) => m.msg === 'group from phone'),
      'the Easemob session gets the group message',
    );
    expect(got).toMatchObject({ id: sent.serverMsgId, from: 'alice', to: groupId, chatType: 'groupChat' });
    web.conn.close();
    await phone.conn.close();
  });

  it('a 1:1 conversation read on another device reaches the Easemob session as my channel ack to the peer', async () => {
    const web1 = await env.emLogin('alice', device('web5'));
    const web2 = await env.emLogin('alice', device('web6'));
    const phone = await env.login('alice');
    const bob = await env.login('bob');
    await bob.conn.send(pigeonText('alice', 'read me'));
    await waitFor(() => web1.inbox.texts().includes('read me'), 'web1 gets it');
    await phone.conn.send(SDK.message.create({ type: 'channel', chatType: 'singleChat', to: 'bob' } as never));
    const fromPhone = await waitFor(() => web1.inbox.of('onChannelMessage')[0], 'web1 hears the phone read it');
    expect(fromPhone).toMatchObject({ type: 'channel', from: 'alice', to: 'bob' });
    await bob.conn.send(pigeonText('alice', 'read me too'));
    await waitFor(() => web1.inbox.texts().includes('read me too'), 'web1 gets the second');
    await web1.conn.send(EC.message.create({ type: 'channel', chatType: 'singleChat', to: 'bob' }));
    const fromWeb1 = await waitFor(() => web2.inbox.of('onChannelMessage').at(-1), 'web2 hears web1 read it');
    expect(fromWeb1).toMatchObject({ type: 'channel', from: 'alice', to: 'bob' });
    expect(web1.inbox.of('onChannelMessage')).toHaveLength(1); // not its own back
    web1.conn.close();
    web2.conn.close();
    await phone.conn.close();
    await bob.conn.close();
  });

  it('offline: own messages sent meanwhile arrive with the offline sync, the device’s own do not', async () => {
    const web = await env.emLogin('alice', device('web3'));
    await web.conn.send(emText('bob', 'mine, from web3'));
    web.conn.close();
    await waitFor(() => !env.srv.core.hub.sessions().some((s) => s.deviceId === 'webim_web_web3'), 'web3 offline');
    const phone = await env.login('alice');
    await phone.conn.send(pigeonText('bob', 'phone while web3 away'));
    await phone.conn.close();
    const again = await env.emLogin('alice', device('web3'));
    await waitFor(() => again.inbox.of('onOfflineMessageSyncFinish').length > 0, 'offline sync finished');
    await waitFor(() => again.inbox.texts().includes('phone while web3 away'), 'the phone message arrives');
    expect(again.inbox.texts()).not.toContain('mine, from web3');
    again.conn.close();
  });
});
