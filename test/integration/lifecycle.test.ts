// Login lifecycle through the SDK: ready semantics, kicks, recall, receipts, unread on every device.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import SDK, { PigeonError } from '@pigeon/sdk';
import { startEnv, type TestEnv } from '../helpers/env.js';
import { sleep, waitFor } from '../helpers/wait.js';

let env: TestEnv;
beforeAll(async () => {
  env = await startEnv();
  await env.users('ivy', 'jack', 'kate', 'leo', 'mia', 'ned');
});
afterAll(() => env.close());

const txt = (to: string, msg: string) => SDK.message.create({ type: 'txt', chatType: 'singleChat', to, msg });

describe('open() and the lifecycle', () => {
  it('open() resolves only when every call works at once (no separate ready event to wait for)', async () => {
    const conn = env.connection();
    await conn.open({ user: 'ivy', pwd: 'pw-ivy' });
    expect(conn.isOpened()).toBe(true);
    const [sent, convs] = await Promise.all([conn.send(txt('jack', 'right away')), conn.getServerConversations()]);
    expect(sent.serverMsgId).toBeTruthy();
    expect(convs.data.conversations).toBeDefined();
    await conn.close();
    expect(conn.isOpened()).toBe(false);
  });

  it('a wrong password rejects open() with AUTH_FAILED, and no socket is left behind', async () => {
    const conn = env.connection();
    const err = await conn.open({ user: 'ivy', pwd: 'nope' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PigeonError);
    expect((err as PigeonError).type).toBe('AUTH_FAILED');
    expect(conn.isOpened()).toBe(false);
  });

  it('calls made before open() or after close() reject with NOT_CONNECTED instead of hanging', async () => {
    const conn = env.connection();
    const e1 = await conn.getServerConversations().catch((e: unknown) => e);
    expect((e1 as PigeonError).type).toBe('NOT_CONNECTED');
    await conn.open({ user: 'ivy', pwd: 'pw-ivy' });
    await conn.close();
    const e2 = await conn.send(txt('jack', 'late')).catch((e: unknown) => e);
    expect((e2 as PigeonError).type).toMatch(/NOT_CONNECTED|CLOSED/);
  });

  it("with the 'single' policy a second login kicks the first, which is told why and does not reconnect", async () => {
    const app = await env.srv.createApp({
      org: 'acme',
      name: 'single',
      settings: { openRegistration: true, multiDevice: 'single' } as never,
    });
    const opts = { appKey: app.appKey };
    await fetch(`${env.srv.httpUrl}/acme/single/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'solo', password: 'pw-solo' }),
    });
    const first = env.connection(opts);
    const firstEvents: string[] = [];
    let why: PigeonError | undefined;
    first.addEventHandler('t', {
      onDisconnected: (e?: PigeonError) => {
        why = e;
        firstEvents.push('disconnected');
      },
      onReconnecting: () => firstEvents.push('reconnecting'),
    });
    await first.open({ user: 'solo', pwd: 'pw-solo' });
    const second = env.connection(opts);
    await second.open({ user: 'solo', pwd: 'pw-solo' });
    await waitFor(() => first.state === 'kicked', 'first session kicked');
    await sleep(500);
    expect(firstEvents).toContain('disconnected');
    expect(why?.type).toBe('KICKED');
    expect(firstEvents).not.toContain('reconnecting');
    expect(first.isOpened()).toBe(false);
    expect(second.isOpened()).toBe(true);
    await second.close();
  });
});

describe('recall, receipts and unread counts', () => {
  it('recall removes the message for the peer (event + history) and late recalls are refused', async () => {
    const kate = await env.login('kate');
    const leo = await env.login('leo');
    const sent = await kate.conn.send(txt('leo', 'oops'));
    await waitFor(() => leo.inbox.texts().includes('oops'), 'leo got it');
    await kate.conn.recallMessage({ mid: sent.serverMsgId, to: 'leo', chatType: 'singleChat' });
    const ev = await waitFor(
      () => leo.inbox.of('onRecallMessage')[0] as { mid?: string; id?: string } | undefined,
      'recall event',
    );
    expect(ev.mid ?? ev.id).toBe(sent.serverMsgId);
    const history = await leo.conn.getHistoryMessages({ targetId: 'kate', chatType: 'singleChat', pageSize: 10 });
    expect(history.messages.map((m) => (m as { msg?: string }).msg)).not.toContain('oops');
    const notMine = await leo.conn
      .recallMessage({ mid: sent.serverMsgId, to: 'kate', chatType: 'singleChat' })
      .catch((e: unknown) => e);
    expect(notMine).toBeInstanceOf(PigeonError);
    await Promise.all([kate.conn.close(), leo.conn.close()]);
  });

  it('read receipts reach the sender; unread is equal on every device and drops to 0 after reading', async () => {
    const mia = await env.login('mia');
    const ned1 = await env.login('ned');
    const ned2 = await env.login('ned');
    let last = '';
    for (let i = 0; i < 5; i++) last = (await mia.conn.send(txt('ned', `r${i}`))).serverMsgId;
    await waitFor(() => ned1.inbox.texts().length === 5 && ned2.inbox.texts().length === 5, 'both devices');
    const unread = async (c: typeof ned1.conn) =>
      (await c.getServerConversations()).data.conversations.find(
        (x: { conversationId: string }) => x.conversationId === 'mia',
      )?.unReadCount;
    expect(await unread(ned1.conn)).toBe(5);
    expect(await unread(ned2.conn)).toBe(5);
    await ned1.conn.send(SDK.message.create({ type: 'read', chatType: 'singleChat', to: 'mia', id: last } as never));
    const receipt = await waitFor(
      () => mia.inbox.of('onReadMessage')[0] as { mid?: string; from?: string } | undefined,
      'read receipt',
    );
    expect(receipt.mid).toBe(last);
    expect(await unread(ned1.conn)).toBe(0);
    expect(await unread(ned2.conn)).toBe(0);
    // mia's own messages never count as unread for mia, even after a reconnect
    await mia.conn.close();
    const mia2 = await env.login('mia');
    expect(
      (await mia2.conn.getServerConversations()).data.conversations.find(
        (x: { conversationId: string }) => x.conversationId === 'ned',
      )?.unReadCount,
    ).toBe(0);
    await Promise.all([mia2.conn.close(), ned1.conn.close(), ned2.conn.close()]);
  });

  it('delivery acks reach the sender when the recipient enables delivery', async () => {
    const mia = await env.login('mia');
    const ned = await env.login('ned', { delivery: true } as never);
    const sent = await mia.conn.send(txt('ned', 'delivered?'));
    const ack = await waitFor(
      () => mia.inbox.of('onDeliveredMessage')[0] as { mid?: string } | undefined,
      'delivery ack',
    );
    expect(ack.mid).toBe(sent.serverMsgId);
    await Promise.all([mia.conn.close(), ned.conn.close()]);
  });
});
