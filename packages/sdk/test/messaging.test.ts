/**
 * Sending and receiving against the local test server: every message type, outbox resend with the
 * same cid, gap fill and ordering, offline sync, receipts, recall, conversations, typed errors.
 */
import type { Message } from '@pigeon/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { message, type ChatMessage, type Connection, type ConversationItem } from '../src/core/index.js';
import { client, pause, record, until } from './support/client.js';
import { FakePigeonServer } from './support/fake-pigeon-server.js';

let server: FakePigeonServer;
const conns: Connection[] = [];

async function login(user: string, opts: Parameters<typeof client>[1] = {}): Promise<Connection> {
  const c = client(server, opts);
  conns.push(c);
  await c.open({ user, accessToken: `tok-${user}` });
  return c;
}

const text = (to: string, msg: string) => message.create({ type: 'txt', chatType: 'singleChat', to, msg });
const texts = (list: ChatMessage[]) => list.map((m) => (m as { msg?: string }).msg);

beforeEach(async () => {
  server = await new FakePigeonServer().start();
});
afterEach(async () => {
  await Promise.all(conns.splice(0).map((c) => c.close()));
  await server.stop();
});

describe('send and receive', () => {
  it('every message type arrives Easemob-shaped, with seq and conversationId', async () => {
    const alice = await login('alice');
    const bob = await login('bob');
    const rec = record(bob);
    const sent = [
      message.create({ type: 'txt', to: 'bob', msg: 'hello', ext: { k: 1 } }),
      message.create({ type: 'img', to: 'bob', url: 'https://f/i.png', width: 4, height: 3 }),
      message.create({ type: 'audio', to: 'bob', url: 'https://f/a.amr', length: 2 }),
      message.create({ type: 'video', to: 'bob', url: 'https://f/v.mp4', length: 9, thumb: 'https://f/t.jpg' }),
      message.create({ type: 'file', to: 'bob', url: 'https://f/r.pdf', filename: 'r.pdf' }),
      message.create({ type: 'loc', to: 'bob', lat: 1.5, lng: 2.5, addr: 'here' }),
      message.create({ type: 'cmd', to: 'bob', action: 'typing' }),
      message.create({ type: 'custom', to: 'bob', customEvent: 'gift', customExts: { n: '1' } }),
    ];
    for (const m of sent) await alice.send(m);
    await until(() => rec.count('onCustomMessage') === 1, 'all received');
    const handlers = [
      'onTextMessage',
      'onImageMessage',
      'onAudioMessage',
      'onVideoMessage',
      'onFileMessage',
      'onLocationMessage',
      'onCmdMessage',
      'onCustomMessage',
    ] as const;
    for (const h of handlers) expect(rec.count(h), h).toBe(1);
    expect(rec.args('onTextMessage')[0]).toMatchObject({
      type: 'txt',
      msg: 'hello',
      from: 'alice',
      to: 'bob',
      chatType: 'singleChat',
      conversationId: 'alice',
      conv: 's:alice:bob',
      seq: 1,
      ext: { k: 1 },
    });
    expect(rec.args('onImageMessage')[0]).toMatchObject({ url: 'https://f/i.png', width: 4, height: 3, seq: 2 });
    expect(rec.args('onCmdMessage')[0]).toMatchObject({ action: 'typing', seq: 0 });
    const batched = rec.args<ChatMessage[]>('onMessage').flat();
    expect(batched.map((m) => m.type)).toEqual(['txt', 'img', 'audio', 'video', 'file', 'loc', 'custom']); // no cmd
  });

  it('send() resolves with local and server ids and the committed message; onReceivedMessage acks it', async () => {
    const alice = await login('alice');
    const rec = record(alice);
    const m = text('bob', 'hi');
    const res = await alice.send(m);
    expect(res).toMatchObject({ localMsgId: m.id, serverMsgId: expect.any(String) });
    expect(res.message).toMatchObject({
      id: res.serverMsgId,
      from: 'alice',
      to: 'bob',
      seq: 1,
      conversationId: 'bob',
      msg: 'hi',
    });
    expect(rec.args('onReceivedMessage')[0]).toMatchObject({
      id: m.id,
      mid: res.serverMsgId,
      seq: 1,
      conversationId: 'bob',
    });
  });

  it("own messages from another device arrive; this device's own sends are not echoed back", async () => {
    const phone = await login('alice');
    const web = client(server, { deviceId: 'web' });
    conns.push(web);
    await web.open({ user: 'alice', accessToken: 'tok-alice' });
    const recPhone = record(phone);
    const recWeb = record(web);
    await phone.send(text('bob', 'from phone'));
    await until(() => recWeb.count('onTextMessage') === 1, 'other device got it');
    expect(recWeb.args('onTextMessage')[0]).toMatchObject({ from: 'alice', msg: 'from phone' });
    await pause(50);
    expect(recPhone.count('onTextMessage')).toBe(0);
  });

  it('a send whose ack was lost goes out again with the SAME cid after reconnect and is stored once', async () => {
    const alice = await login('alice');
    const rec = record(alice);
    let first = true;
    // The server commits the first send, then the connection dies before the ack leaves.
    server.onRequest = (_s, f) => (f.op === 'msg.send' && first ? ((first = false), 'drop-after') : undefined);
    const m = text('bob', 'exactly once');
    const res = await alice.send(m);
    const cids = server.requests.filter((r) => r.op === 'msg.send').map((r) => (r.d?.msg as { cid: string }).cid);
    expect(cids).toEqual([m.id, m.id]);
    expect(server.conv('s:alice:bob').msgs).toHaveLength(1);
    expect(res.message?.seq).toBe(1);
    expect(rec.count('onConnected')).toBe(1); // the reconnect (recording started after login)
    expect(rec.count('onReceivedMessage')).toBe(1);
  });

  it('sends made while reconnecting wait in the outbox and go out in order once reconnected', async () => {
    const alice = await login('alice');
    const bob = await login('bob');
    const recBob = record(bob);
    server.refuse = true;
    for (const s of server.of('alice')) s.ws.terminate();
    await until(() => alice.state === 'reconnecting', 'alice reconnecting');
    const pending = ['a', 'b', 'c'].map((t) => alice.send(text('bob', t)));
    await pause(50);
    expect(server.conv('s:alice:bob').msgs).toHaveLength(0);
    server.refuse = false;
    await Promise.all(pending);
    await until(() => recBob.count('onTextMessage') === 3, 'bob got 3');
    expect(texts(recBob.args('onTextMessage'))).toEqual(['a', 'b', 'c']);
  });

  it('a send that cannot get through in outboxTimeout fails with OUTBOX_TIMEOUT', async () => {
    const alice = await login('alice', { outboxTimeout: 200, autoReconnectNumMax: 50 });
    server.refuse = true;
    server.dropAll();
    await until(() => alice.state === 'reconnecting', 'reconnecting');
    await expect(alice.send(text('bob', 'late'))).rejects.toMatchObject({ type: 'OUTBOX_TIMEOUT', code: 6003 });
    server.refuse = false;
    await until(() => alice.isOpened(), 'reopened');
    await pause(50);
    expect(server.conv('s:alice:bob').msgs).toHaveLength(0); // never sent later behind the app's back
  });
});

describe('order, gaps and offline sync', () => {
  it('a lost push is detected as a gap and filled before later messages surface', async () => {
    const alice = await login('alice');
    const bob = await login('bob');
    const rec = record(bob);
    server.shouldPush = (m) => m.seq !== 2; // seq 2's push is lost
    for (const t of ['1', '2', '3', '4']) await alice.send(text('bob', t));
    await until(() => rec.count('onTextMessage') === 4, 'four messages');
    expect(texts(rec.args('onTextMessage'))).toEqual(['1', '2', '3', '4']);
    expect(server.requests.some((r) => r.user === 'bob' && r.op === 'msg.pull')).toBe(true);
  });

  it('pushes arriving out of order reach the app in seq order, each once', async () => {
    const bob = await login('bob');
    const rec = record(bob);
    const held: Message[] = [];
    server.shouldPush = (m) => (m.seq === 2 ? (held.push(m), false) : true);
    server.inject('alice', { chat: 'single', to: 'bob', type: 'txt', body: { text: '1' } });
    server.inject('alice', { chat: 'single', to: 'bob', type: 'txt', body: { text: '2' } });
    server.inject('alice', { chat: 'single', to: 'bob', type: 'txt', body: { text: '3' } });
    server.push('bob', 'msg', held[0]); // the late push of 2 after 3
    await until(() => rec.count('onTextMessage') >= 3, 'three');
    await pause(50);
    expect(texts(rec.args('onTextMessage'))).toEqual(['1', '2', '3']);
  });

  it('offline sync: start event, every missed message in order from the read position, finish event', async () => {
    for (const t of ['old-read'])
      server.inject('alice', { chat: 'single', to: 'bob', type: 'txt', body: { text: t } }, false);
    server.conv('s:alice:bob').read.set('bob', 1); // bob had read the first one
    for (let i = 1; i <= 150; i++)
      server.inject('alice', { chat: 'single', to: 'bob', type: 'txt', body: { text: `m${i}` } }, false);
    server.inject('carol', { chat: 'single', to: 'bob', type: 'txt', body: { text: 'from carol' } }, false);
    const bob = client(server);
    conns.push(bob);
    const rec = record(bob);
    await bob.open({ user: 'bob', accessToken: 'tok-bob' });
    await until(() => rec.count('onOfflineMessageSyncFinish') === 1, 'sync finished');
    const names = rec.names();
    expect(names.indexOf('onOfflineMessageSyncStart')).toBeLessThan(names.indexOf('onTextMessage'));
    const fromAlice = rec.args<ChatMessage>('onTextMessage').filter((m) => m.from === 'alice');
    expect(texts(fromAlice)).toEqual(Array.from({ length: 150 }, (_, i) => `m${i + 1}`));
    expect(rec.args<ChatMessage>('onTextMessage').filter((m) => m.from === 'carol')).toHaveLength(1);
    expect(rec.count('onMessage')).toBeGreaterThan(1); // batched per page, not one call per message
    expect(names.lastIndexOf('onTextMessage')).toBeLessThan(names.indexOf('onOfflineMessageSyncFinish'));
  });

  it('after a reconnect only what was missed is pulled, nothing twice', async () => {
    const alice = await login('alice');
    const bob = await login('bob');
    const rec = record(bob);
    await alice.send(text('bob', 'before'));
    await until(() => rec.count('onTextMessage') === 1, 'first');
    server.refuse = true;
    for (const s of server.of('bob')) s.ws.terminate();
    await until(() => bob.state === 'reconnecting', 'bob away');
    await alice.send(text('bob', 'while away 1'));
    await alice.send(text('bob', 'while away 2'));
    server.refuse = false;
    await until(() => rec.count('onTextMessage') === 3, 'synced', 3000);
    await pause(50);
    expect(texts(rec.args('onTextMessage'))).toEqual(['before', 'while away 1', 'while away 2']);
    expect(rec.count('onOfflineMessageSyncStart')).toBe(1); // the reconnect's sync
  });

  it('closing and opening again as the same user does not show old messages again (memory-only storage)', async () => {
    const bob = await login('bob');
    const rec = record(bob);
    server.inject('alice', { chat: 'single', to: 'bob', type: 'txt', body: { text: 'once' } });
    await until(() => rec.count('onTextMessage') === 1, 'first');
    await bob.close();
    server.inject('alice', { chat: 'single', to: 'bob', type: 'txt', body: { text: 'while closed' } }, false);
    await bob.open({ user: 'bob', accessToken: 'tok-bob' });
    await until(() => rec.count('onOfflineMessageSyncFinish') === 2, 'synced');
    expect(texts(rec.args('onTextMessage'))).toEqual(['once', 'while closed']);
  });

  it('a push arriving while offline positions are being fetched does not hide the missed messages', async () => {
    for (let i = 1; i <= 3; i++)
      server.inject('alice', { chat: 'single', to: 'bob', type: 'txt', body: { text: `m${i}` } }, false);
    let once = true;
    server.onRequest = (s, f) => {
      if (f.op === 'sync.positions' && once) {
        once = false;
        server.inject('alice', { chat: 'single', to: 'bob', type: 'txt', body: { text: 'm4' } }); // pushed before the reply
      }
      return undefined;
    };
    const bob = client(server);
    conns.push(bob);
    const rec = record(bob);
    await bob.open({ user: 'bob', accessToken: 'tok-bob' });
    await until(() => rec.count('onOfflineMessageSyncFinish') === 1, 'synced');
    await pause(30);
    expect(texts(rec.args('onTextMessage'))).toEqual(['m1', 'm2', 'm3', 'm4']);
  });
});

describe('receipts, recall, conversations, history', () => {
  it('read receipt -> onReadMessage; channel ack -> onChannelMessage; delivery: true -> onDeliveredMessage', async () => {
    const alice = await login('alice');
    const bob = await login('bob', { delivery: true });
    const recA = record(alice);
    const recB = record(bob);
    const { serverMsgId } = await alice.send(text('bob', 'hi'));
    await until(() => recB.count('onTextMessage') === 1, 'bob got it');
    await until(() => recA.count('onDeliveredMessage') === 1, 'delivered');
    expect(recA.args('onDeliveredMessage')[0]).toMatchObject({
      type: 'delivery',
      mid: serverMsgId,
      from: 'bob',
      conversationId: 'bob',
    });

    await bob.send(message.create({ type: 'read', chatType: 'singleChat', to: 'alice', id: serverMsgId }));
    await until(() => recA.count('onReadMessage') === 1, 'read');
    expect(recA.args('onReadMessage')[0]).toMatchObject({
      type: 'read',
      mid: serverMsgId,
      from: 'bob',
      readSeq: 1,
      conversationId: 'bob',
    });
    const readReq = server.requests.find((r) => r.op === 'conv.read' && r.d?.id);
    expect(readReq?.d).toMatchObject({ conv: 's:alice:bob', id: serverMsgId, seq: 1 });

    await bob.send(message.create({ type: 'channel', chatType: 'singleChat', to: 'alice' }));
    await until(() => recA.count('onChannelMessage') === 1, 'channel');
    expect(recA.args('onChannelMessage')[0]).toMatchObject({ type: 'channel', from: 'bob', conversationId: 'bob' });
  });

  it('recall reaches the peer as onRecallMessage; a local id works too', async () => {
    const alice = await login('alice');
    const bob = await login('bob');
    const rec = record(bob);
    const m = text('bob', 'oops');
    const { serverMsgId } = await alice.send(m);
    await expect(alice.recallMessage({ mid: m.id, to: 'bob', chatType: 'singleChat' })).resolves.toMatchObject({
      serverMsgId,
    });
    await until(() => rec.count('onRecallMessage') === 1, 'recall');
    expect(rec.args('onRecallMessage')[0]).toMatchObject({ mid: serverMsgId, from: 'alice', conversationId: 'alice' });
  });

  it('getServerConversations returns Easemob shapes with server-side unread counts', async () => {
    const alice = await login('alice');
    for (const t of ['1', '2', '3']) await alice.send(text('bob', t));
    const bob = await login('bob');
    const res = await bob.getServerConversations({ pageSize: 20, cursor: '' });
    expect(res.type).toBe(0);
    const [item] = res.data.conversations as ConversationItem[];
    expect(item).toMatchObject({
      conversationId: 'alice',
      conversationType: 'singleChat',
      unReadCount: 3,
      conv: 's:alice:bob',
      lastSeq: 3,
    });
    expect(item.lastMessage).toMatchObject({ type: 'txt', msg: '3' });
    await bob.send(message.create({ type: 'channel', chatType: 'singleChat', to: 'alice' }));
    const again = await bob.getServerConversations();
    expect(again.data.conversations[0].unReadCount).toBe(0);
    const mine = await alice.getServerConversations();
    expect(mine.data.conversations[0].unReadCount).toBe(0); // own messages never count
  });

  it('getHistoryMessages pages newest-first by cursor (up) and oldest-first (down)', async () => {
    const alice = await login('alice');
    for (let i = 1; i <= 5; i++) await alice.send(text('bob', `h${i}`));
    const p1 = await alice.getHistoryMessages({ targetId: 'bob', chatType: 'singleChat', pageSize: 2 });
    expect(texts(p1.messages)).toEqual(['h5', 'h4']);
    expect(p1.isLast).toBe(false);
    const p2 = await alice.getHistoryMessages({
      targetId: 'bob',
      chatType: 'singleChat',
      pageSize: 2,
      cursor: p1.cursor,
    });
    expect(texts(p2.messages)).toEqual(['h3', 'h2']);
    const p3 = await alice.getHistoryMessages({
      targetId: 'bob',
      chatType: 'singleChat',
      pageSize: 2,
      cursor: p2.cursor,
    });
    expect(texts(p3.messages)).toEqual(['h1']);
    expect(p3).toMatchObject({ isLast: true, cursor: undefined });
    const down = await alice.getHistoryMessages({
      targetId: 'bob',
      chatType: 'singleChat',
      pageSize: 3,
      searchDirection: 'down',
    });
    expect(texts(down.messages)).toEqual(['h1', 'h2', 'h3']);
    const down2 = await alice.getHistoryMessages({
      targetId: 'bob',
      chatType: 'singleChat',
      pageSize: 3,
      searchDirection: 'down',
      cursor: down.cursor,
    });
    expect(texts(down2.messages)).toEqual(['h4', 'h5']);
    expect(down2.isLast).toBe(true);
  });

  it('deleteConversation with deleteRoam clears history for this user and tells their other devices', async () => {
    const alice = await login('alice');
    const other = client(server, { deviceId: 'other' });
    conns.push(other);
    await other.open({ user: 'alice', accessToken: 'tok-alice' });
    const rec = record(other);
    await alice.send(text('bob', 'x'));
    await expect(
      alice.deleteConversation({ channel: 'bob', chatType: 'singleChat', deleteRoam: true }),
    ).resolves.toEqual({ type: 0, data: { result: 'ok' } });
    const h = await alice.getHistoryMessages({ targetId: 'bob', chatType: 'singleChat' });
    expect(h.messages).toEqual([]);
    await until(() => rec.count('onMultiDeviceEvent') === 1, 'multi-device event');
    expect(rec.args('onMultiDeviceEvent')[0]).toEqual({
      operation: 'deleteConversation',
      conversationId: 'bob',
      conversationType: 'singleChat',
      deleteRoam: true,
    });
  });
});

describe('every call returns a promise and rejects with a typed error', () => {
  it('NOT_CONNECTED before open()', async () => {
    const c = client(server);
    conns.push(c);
    const calls = [
      c.send(text('bob', 'x')),
      c.getServerConversations(),
      c.getHistoryMessages({ targetId: 'bob', chatType: 'singleChat' }),
      c.deleteConversation({ channel: 'bob', chatType: 'singleChat' }),
      c.recallMessage({ mid: '1', to: 'bob', chatType: 'singleChat' }),
      c.send(message.create({ type: 'channel', chatType: 'singleChat', to: 'bob' })),
    ];
    for (const p of calls) expect(p).toBeInstanceOf(Promise);
    for (const r of await Promise.allSettled(calls))
      expect(r).toMatchObject({
        status: 'rejected',
        reason: { name: 'PigeonError', type: 'NOT_CONNECTED', code: 6001 },
      });
  });

  it('INVALID_ARGUMENT comes back as a rejected promise, never a throw', async () => {
    const c = await login('alice');
    const bad = [
      c.send(null as never),
      c.send(message.create({ type: 'txt', to: 'bob' } as never)),
      c.open(undefined as never),
      c.getHistoryMessages({ targetId: '', chatType: 'singleChat' }),
      c.registerUser({} as never),
      c.renewToken(''),
    ];
    for (const p of bad) expect(p).toBeInstanceOf(Promise);
    for (const r of await Promise.allSettled(bad))
      expect(r).toMatchObject({ status: 'rejected', reason: { type: 'INVALID_ARGUMENT' } });
    expect(c.isOpened()).toBe(true);
  });

  it('sends queued while open() is still connecting fail with the reason open() failed', async () => {
    const c = client(server);
    conns.push(c);
    const opening = c.open({ user: 'alice', accessToken: 'garbage' }).catch((e: unknown) => e);
    const send = c.send(text('bob', 'queued')).catch((e: unknown) => e);
    expect(await opening).toMatchObject({ type: 'TOKEN_INVALID' });
    expect(await send).toMatchObject({ type: 'TOKEN_INVALID' });
  });

  it('TIMEOUT when the server does not answer in requestTimeout', async () => {
    const c = await login('alice', { requestTimeout: 150 });
    server.onRequest = (_s, f) => (f.op === 'conv.list' ? 'swallow' : undefined);
    await expect(c.getServerConversations()).rejects.toMatchObject({ type: 'TIMEOUT', code: 6002, retryable: true });
  });

  it('CLOSED for calls pending when the app closes', async () => {
    const c = await login('alice');
    server.onRequest = (_s, f) => (f.op === 'conv.list' || f.op === 'msg.send' ? 'swallow' : undefined);
    const list = c.getServerConversations().catch((e: unknown) => e);
    const send = c.send(text('bob', 'x')).catch((e: unknown) => e);
    await until(() => server.requests.some((r) => r.op === 'msg.send'), 'send on the wire');
    await c.close();
    expect(await list).toMatchObject({ type: 'CLOSED', code: 6004 });
    expect(await send).toMatchObject({ type: 'CLOSED' });
  });

  it('server error replies keep their catalogue type', async () => {
    const c = await login('alice');
    await expect(c.recallMessage({ mid: 'nope', to: 'bob', chatType: 'singleChat' })).rejects.toMatchObject({
      type: 'MESSAGE_NOT_FOUND',
      code: 4004,
    });
  });

  it('an oversized frame is refused locally (the server would close with 1009 and a resend would loop)', async () => {
    const c = await login('alice');
    await expect(c.send(text('bob', 'x'.repeat(70_000)))).rejects.toMatchObject({ type: 'FRAME_TOO_LARGE' });
    expect(c.isOpened()).toBe(true);
  });
});
