// Friend requests through the real SDK against the real server: events on both sides, offline
// delivery of requests and answers, lists, remarks, and the typed refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEnv, type TestEnv } from '../helpers/env.js';
import { startTcpProxy } from '../helpers/tcp-proxy.js';
import { waitFor } from '../helpers/wait.js';

let env: TestEnv;
beforeAll(async () => {
  env = await startEnv();
  await env.users('ann', 'ben', 'cat', 'dan', 'eve', 'fay', 'gus', 'hal', 'ivy', 'jon', 'kim', 'lee', 'mo');
});
afterAll(() => env.close());

describe('friend requests', () => {
  it('request then accept: the invitee gets onContactInvited with the message; the requester gets onContactAgreed; both get onContactAdded', async () => {
    const ann = await env.login('ann');
    const ben = await env.login('ben');
    await ann.conn.addContact('ben', 'hi, I am Ann');
    await waitFor(() => ben.inbox.of('onContactInvited').length === 1, 'invite');
    const [invite] = ben.inbox.of('onContactInvited');
    expect(invite).toMatchObject({ type: 'subscribe', from: 'ann', to: 'ben', status: 'hi, I am Ann' });
    await ben.conn.acceptContactInvite('ann');
    await waitFor(() => ann.inbox.of('onContactAdded').length === 1, 'ann added');
    await waitFor(() => ben.inbox.of('onContactAdded').length === 1, 'ben added');
    expect(ann.inbox.of('onContactAgreed')).toEqual([
      expect.objectContaining({ type: 'subscribed', from: 'ben', to: 'ann' }),
    ]);
    expect(ann.inbox.of('onContactAdded')).toEqual([
      expect.objectContaining({ type: 'subscribed', from: 'ben', to: 'ann' }),
    ]);
    expect(ben.inbox.of('onContactAdded')).toEqual([
      expect.objectContaining({ type: 'subscribed', from: 'ann', to: 'ben' }),
    ]);
    expect((await ann.conn.getContacts()).data).toEqual(['ben']);
    expect((await ben.conn.getAllContacts()).data).toEqual([{ userId: 'ann', remark: '' }]);
    await Promise.all([ann.conn.close(), ben.conn.close()]);
  });

  it('decline: the requester gets onContactRefuse and nobody becomes friends; the declined request is gone', async () => {
    const cat = await env.login('cat');
    const dan = await env.login('dan');
    await cat.conn.addContact('dan');
    await waitFor(() => dan.inbox.of('onContactInvited').length === 1, 'invite');
    await dan.conn.declineContactInvite('cat');
    await waitFor(() => cat.inbox.of('onContactRefuse').length === 1, 'refuse');
    const [refuse] = cat.inbox.of('onContactRefuse');
    expect(refuse).toMatchObject({ type: 'unsubscribed', from: 'dan', to: 'cat' });
    expect((await cat.conn.getContacts()).data).toEqual([]);
    await expect(dan.conn.acceptContactInvite('cat')).rejects.toMatchObject({ type: 'NO_CONTACT_REQUEST' });
    await Promise.all([cat.conn.close(), dan.conn.close()]);
  });

  it('delete: both sides get onContactDeleted and the lists are empty; deleting again is NOT_A_CONTACT', async () => {
    await env.srv.addFriendship(env.srv.defaultApp!.appKey, 'eve', 'fay');
    const eve = await env.login('eve');
    const fay = await env.login('fay');
    expect((await eve.conn.getContacts()).data).toEqual(['fay']);
    await eve.conn.deleteContact('fay');
    await waitFor(() => fay.inbox.of('onContactDeleted').length === 1, 'fay told');
    await waitFor(() => eve.inbox.of('onContactDeleted').length === 1, 'eve told');
    expect(fay.inbox.of('onContactDeleted')[0]).toMatchObject({ type: 'unsubscribed', from: 'eve', to: 'fay' });
    expect(eve.inbox.of('onContactDeleted')[0]).toMatchObject({ type: 'unsubscribed', from: 'fay', to: 'eve' });
    expect((await fay.conn.getContacts()).data).toEqual([]);
    await expect(eve.conn.deleteContact('fay')).rejects.toMatchObject({ type: 'NOT_A_CONTACT' });
    await Promise.all([eve.conn.close(), fay.conn.close()]);
  });

  it('a request made while the invitee is offline is delivered when it logs in; the answer reaches the requester who went offline meanwhile', async () => {
    const gus = await env.login('gus');
    await gus.conn.addContact('hal', 'offline hello');
    await gus.conn.close();
    const hal = await env.login('hal');
    await waitFor(() => hal.inbox.of('onOfflineMessageSyncFinish').length === 1, 'hal synced');
    const [invite] = hal.inbox.of('onContactInvited');
    expect(invite).toMatchObject({ from: 'gus', to: 'hal', status: 'offline hello' });
    await hal.conn.acceptInvitation('gus'); // legacy name
    await hal.conn.close();
    // Offline sync covers the contact log: once it finishes, the answer is there (and acknowledged).
    const back = await env.login('gus');
    await waitFor(() => back.inbox.of('onOfflineMessageSyncFinish').length === 1, 'gus synced');
    expect(back.inbox.of('onContactAgreed')).toEqual([expect.objectContaining({ from: 'hal', to: 'gus' })]);
    expect(back.inbox.of('onContactAdded')).toEqual([expect.objectContaining({ from: 'hal', to: 'gus' })]);
    // Replayed once: a later login of a device with no local state does not see it again.
    await back.conn.close();
    const again = await env.login('gus');
    await waitFor(() => again.inbox.of('onOfflineMessageSyncFinish').length === 1, 'sync');
    expect(again.inbox.of('onContactAgreed')).toEqual([]);
    await again.conn.close();
  });

  it("every device of the user gets the events; the acting device too, in the log's order", async () => {
    const ivy1 = await env.login('ivy');
    const ivy2 = await env.login('ivy');
    const jon = await env.login('jon');
    await jon.conn.addContact('ivy');
    await waitFor(
      () => ivy1.inbox.of('onContactInvited').length === 1 && ivy2.inbox.of('onContactInvited').length === 1,
      'both devices invited',
    );
    await ivy1.conn.declineInvitation('jon'); // legacy name
    await jon.conn.addContact('ivy', 'again?');
    await waitFor(() => ivy2.inbox.of('onContactInvited').length === 2, 'second invite');
    await ivy2.conn.acceptContactInvite('jon');
    await waitFor(
      () => ivy1.inbox.of('onContactAdded').length === 1 && ivy2.inbox.of('onContactAdded').length === 1,
      'added on both',
    );
    const seqs = ivy1.inbox.events
      .filter((e) => e.name.startsWith('onContact'))
      .map((e) => (e.data as { seq: number }).seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    await Promise.all([ivy1.conn.close(), ivy2.conn.close(), jon.conn.close()]);
  });
});

describe('a device that was away', () => {
  it('gets what it missed when its link comes back, even though another device of the user saw it already', async () => {
    const proxy = await startTcpProxy(env.srv.port);
    const away = await env.login('lee', {
      url: proxy.url('/ws'),
      apiUrl: env.srv.httpUrl,
      autoReconnectInterval: 50,
    } as never);
    await waitFor(() => away.inbox.of('onOfflineMessageSyncFinish').length === 1, 'away synced');
    const here = await env.login('lee');
    const mo = await env.login('mo');
    proxy.block();
    await waitFor(() => away.conn.state === 'reconnecting', 'link down');
    await mo.conn.addContact('lee', 'while you were away');
    await waitFor(() => here.inbox.of('onContactInvited').length === 1, 'the other device has it');
    await here.conn.acceptContactInvite('mo');
    await waitFor(() => here.inbox.of('onContactAdded').length === 1, 'friends');
    proxy.unblock();
    await waitFor(() => away.inbox.of('onOfflineMessageSyncFinish').length === 2, 'away synced again');
    expect(away.inbox.of('onContactInvited')).toEqual([
      expect.objectContaining({ from: 'mo', to: 'lee', status: 'while you were away' }),
    ]);
    expect(away.inbox.of('onContactAdded')).toEqual([expect.objectContaining({ from: 'mo', to: 'lee' })]);
    await Promise.all([away.conn.close(), here.conn.close(), mo.conn.close()]);
    await proxy.close();
  });
});

describe('lists and remarks', () => {
  it('getContactsWithCursor pages by name; setContactRemark shows in getAllContacts', async () => {
    const app = env.srv.defaultApp!.appKey;
    for (const f of ['ann', 'ben', 'cat', 'dan', 'eve']) await env.srv.addFriendship(app, 'kim', f);
    const kim = await env.login('kim');
    const first = await kim.conn.getContactsWithCursor({ pageSize: 2 });
    expect(first.data.contacts.map((c) => c.userId)).toEqual(['ann', 'ben']);
    const second = await kim.conn.getContactsWithCursor({ pageSize: 2, cursor: first.data.cursor });
    expect(second.data.contacts.map((c) => c.userId)).toEqual(['cat', 'dan']);
    const last = await kim.conn.getContactsWithCursor({ pageSize: 2, cursor: second.data.cursor });
    expect(last.data).toEqual({ cursor: '', contacts: [{ userId: 'eve', remark: '' }] });
    await kim.conn.setContactRemark({ userId: 'cat', remark: 'Cat from work' });
    expect((await kim.conn.getAllContacts()).data).toContainEqual({ userId: 'cat', remark: 'Cat from work' });
    await expect(kim.conn.setContactRemark({ userId: 'fay', remark: 'x' })).rejects.toMatchObject({
      type: 'NOT_A_CONTACT',
    });
    await expect(kim.conn.setContactRemark({ userId: 'cat', remark: 'x'.repeat(101) })).rejects.toMatchObject({
      type: 'BAD_REQUEST',
    });
    await expect(kim.conn.getContactsWithCursor({ pageSize: 51 })).rejects.toMatchObject({ type: 'INVALID_ARGUMENT' });
    await kim.conn.close();
  });
});

describe('refusals', () => {
  it('self-friending, unknown users, bad names, wrong types and over-long messages get typed errors', async () => {
    const ann = await env.login('ann');
    await expect(ann.conn.addContact('ann')).rejects.toMatchObject({ type: 'BAD_REQUEST', details: { path: '/user' } });
    await expect(ann.conn.addContact('nobody')).rejects.toMatchObject({
      type: 'USER_NOT_FOUND',
      details: { user: 'nobody' },
    });
    await expect(ann.conn.addContact('not a name!')).rejects.toMatchObject({
      type: 'BAD_REQUEST',
      details: { path: '/user' },
    });
    await expect(ann.conn.addContact('ben', 'x'.repeat(257))).rejects.toMatchObject({
      type: 'BAD_REQUEST',
      details: { path: '/message' },
    });
    await expect(ann.conn.addContact(42 as never)).rejects.toMatchObject({ type: 'INVALID_ARGUMENT' });
    await expect(ann.conn.acceptContactInvite('nobody')).rejects.toMatchObject({ type: 'USER_NOT_FOUND' });
    await expect(ann.conn.acceptContactInvite('kim')).rejects.toMatchObject({ type: 'NO_CONTACT_REQUEST' });
    await expect(ann.conn.declineContactInvite('kim')).rejects.toMatchObject({ type: 'NO_CONTACT_REQUEST' });
    await expect(ann.conn.deleteContact('hal')).rejects.toMatchObject({ type: 'NOT_A_CONTACT' });
    await ann.conn.close();
  });

  it('adding someone who is already a friend changes nothing and tells nobody', async () => {
    const ann = await env.login('ann');
    const ben = await env.login('ben');
    await waitFor(() => ben.inbox.of('onOfflineMessageSyncFinish').length === 1, 'ben synced');
    await ann.conn.addContact('ben');
    await ben.conn.addContact('ann'); // the same from the other side; its push would precede this reply
    expect(ben.inbox.of('onContactInvited')).toEqual([]);
    expect(ann.inbox.of('onContactInvited')).toEqual([]);
    await Promise.all([ann.conn.close(), ben.conn.close()]);
  });
});
