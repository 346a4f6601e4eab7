// Offline sync, network drops and retried sends, through the real SDK and a real cut TCP link.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import SDK from '@pigeon/sdk';
import { startEnv, type TestEnv } from '../helpers/env.js';
import { startTcpProxy } from '../helpers/tcp-proxy.js';
import { sleep, waitFor } from '../helpers/wait.js';

let env: TestEnv;
beforeAll(async () => {
  env = await startEnv();
  await env.users('carol', 'dave', 'erin', 'frank', 'gina', 'hugo');
});
afterAll(() => env.close());

const txt = (to: string, msg: string) => SDK.message.create({ type: 'txt', chatType: 'singleChat', to, msg });

describe('offline sync', () => {
  it('a user who was offline gets every message in order, announced by sync start/finish, with exact unread', async () => {
    const carol = await env.login('carol');
    for (let i = 1; i <= 120; i++) await carol.conn.send(txt('dave', `m${i}`));
    const dave = await env.login('dave');
    await waitFor(() => dave.inbox.of('onOfflineMessageSyncFinish').length === 1, 'sync finish');
    const names = dave.inbox.events.map((e) => e.name);
    const start = names.indexOf('onOfflineMessageSyncStart');
    const finish = names.indexOf('onOfflineMessageSyncFinish');
    expect(start).toBeGreaterThanOrEqual(0);
    expect(finish).toBeGreaterThan(start);
    expect(dave.inbox.texts()).toEqual(Array.from({ length: 120 }, (_, i) => `m${i + 1}`));
    const seqs = dave.inbox.messages().map((m) => m.seq as number);
    expect(seqs).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    const { data } = await dave.conn.getServerConversations({ pageSize: 20 });
    expect(data.conversations.find((c: { conversationId: string }) => c.conversationId === 'carol')).toMatchObject({
      unReadCount: 120,
    });
    const mine = await carol.conn.getServerConversations({ pageSize: 20 });
    expect(mine.data.conversations.find((c: { conversationId: string }) => c.conversationId === 'dave')).toMatchObject({
      unReadCount: 0,
    });
    await Promise.all([carol.conn.close(), dave.conn.close()]);
  });
});

describe('network drops', () => {
  it('messages sent to a user whose link dropped reach it in order after it reconnects, with no duplicates', async () => {
    const proxy = await startTcpProxy(env.srv.port);
    const frank = await env.login('frank', {
      url: proxy.url('/ws'),
      apiUrl: env.srv.httpUrl,
      autoReconnectInterval: 50,
    } as never);
    const erin = await env.login('erin');
    await erin.conn.send(txt('frank', 'before'));
    await waitFor(() => frank.inbox.texts().includes('before'), 'first message');
    proxy.block();
    for (let i = 1; i <= 30; i++) await erin.conn.send(txt('frank', `during ${i}`));
    await sleep(300);
    proxy.unblock();
    await waitFor(() => frank.inbox.texts().length === 31, 'all 31 messages', 15_000);
    expect(frank.inbox.texts()).toEqual(['before', ...Array.from({ length: 30 }, (_, i) => `during ${i + 1}`)]);
    expect(frank.inbox.of('onReconnecting').length).toBeGreaterThan(0);
    await Promise.all([frank.conn.close(), erin.conn.close()]);
    await proxy.close();
  });

  it('sends made while the link is down wait in the outbox and are stored exactly once after reconnect', async () => {
    const proxy = await startTcpProxy(env.srv.port);
    const gina = await env.login('gina', {
      url: proxy.url('/ws'),
      apiUrl: env.srv.httpUrl,
      autoReconnectInterval: 50,
    } as never);
    const hugo = await env.login('hugo');
    proxy.block();
    await waitFor(() => gina.conn.state === 'reconnecting', 'gina reconnecting');
    const pending = Array.from({ length: 10 }, (_, i) => gina.conn.send(txt('hugo', `queued ${i}`)));
    await sleep(200);
    proxy.unblock();
    const acks = await Promise.all(pending);
    expect(new Set(acks.map((a) => a.serverMsgId)).size).toBe(10);
    await waitFor(() => hugo.inbox.texts().length === 10, 'hugo gets the 10');
    const history = await hugo.conn.getHistoryMessages({ targetId: 'gina', chatType: 'singleChat', pageSize: 50 });
    expect(history.messages.map((m) => (m as { msg?: string }).msg).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `queued ${i}`).sort(),
    );
    await Promise.all([gina.conn.close(), hugo.conn.close()]);
    await proxy.close();
  });

  it('a send whose ack was lost in a drop is retried with the same client id and stored once', async () => {
    const proxy = await startTcpProxy(env.srv.port);
    const gina = await env.login('gina', {
      url: proxy.url('/ws'),
      apiUrl: env.srv.httpUrl,
      autoReconnectInterval: 50,
    } as never);
    const before = env.srv.stats().messages;
    proxy.stallDownstream(); // the frame reaches the server, its ack never comes back
    const sending = gina.conn.send(txt('hugo', 'lost ack'));
    await waitFor(() => env.srv.stats().messages - before === 1, 'the server committed it');
    await sleep(100);
    proxy.drop();
    proxy.unblock();
    const ack = await sending;
    expect(ack.serverMsgId).toMatch(/^\d+$/);
    const hugo = await env.login('hugo');
    const history = await hugo.conn.getHistoryMessages({ targetId: 'gina', chatType: 'singleChat', pageSize: 50 });
    expect(history.messages.filter((m) => (m as { msg?: string }).msg === 'lost ack')).toHaveLength(1);
    // The retry reached the server too (two sends through the batcher) and was deduplicated.
    expect(env.srv.stats().messages - before).toBe(2);
    await Promise.all([gina.conn.close(), hugo.conn.close()]);
    await proxy.close();
  });
});
