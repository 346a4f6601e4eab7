// Two users chat 1:1 with every message type through the real SDK against the real server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import SDK from '@pigeon/sdk';
import { startEnv, type TestEnv } from '../helpers/env.js';
import { waitFor } from '../helpers/wait.js';

let env: TestEnv;
beforeAll(async () => {
  env = await startEnv();
  await env.users('alice', 'bob');
});
afterAll(() => env.close());

const ext = { k: 'v', n: 1, nested: { deep: [true, null] } };
const cases = [
  { type: 'txt', msg: 'hello 你好 👋', handler: 'onTextMessage', check: { msg: 'hello 你好 👋' } },
  {
    type: 'img',
    url: 'https://cdn.example.com/a.jpg',
    width: 640,
    height: 480,
    file_length: 1234,
    handler: 'onImageMessage',
    check: { url: 'https://cdn.example.com/a.jpg', width: 640, height: 480 },
  },
  {
    type: 'audio',
    url: 'https://cdn.example.com/a.amr',
    length: 7,
    handler: 'onAudioMessage',
    check: { url: 'https://cdn.example.com/a.amr', length: 7 },
  },
  {
    type: 'video',
    url: 'https://cdn.example.com/a.mp4',
    length: 12,
    handler: 'onVideoMessage',
    check: { url: 'https://cdn.example.com/a.mp4' },
  },
  {
    type: 'file',
    url: 'https://cdn.example.com/a.pdf',
    filename: 'a.pdf',
    handler: 'onFileMessage',
    check: { url: 'https://cdn.example.com/a.pdf', filename: 'a.pdf' },
  },
  {
    type: 'loc',
    lat: 39.9,
    lng: 116.4,
    addr: '北京',
    handler: 'onLocationMessage',
    check: { lat: 39.9, lng: 116.4, addr: '北京' },
  },
  {
    type: 'custom',
    customEvent: 'gift',
    customExts: { id: '7' },
    handler: 'onCustomMessage',
    check: { customEvent: 'gift', customExts: { id: '7' } },
  },
  { type: 'cmd', action: 'typing', handler: 'onCmdMessage', check: { action: 'typing' } },
] as const;

describe('1:1 chat with every message type', () => {
  it.each(cases)('$type reaches the peer through $handler with its fields and ext', async (c) => {
    const a = await env.login('alice');
    const b = await env.login('bob');
    const { handler, check, ...fields } = c;
    const sent = await a.conn.send(SDK.message.create({ ...fields, chatType: 'singleChat', to: 'bob', ext } as never));
    expect(sent.serverMsgId).toMatch(/^\d+$/);
    const got = await waitFor(() => b.inbox.of(handler)[0] as Record<string, unknown> | undefined, handler);
    expect(got).toMatchObject({ ...check, from: 'alice', to: 'bob', chatType: 'singleChat', ext });
    expect(got.id).toBe(sent.serverMsgId);
    if (c.type === 'cmd') expect(sent.message!.seq).toBe(0);
    else expect(sent.message!.seq).toBeGreaterThan(0);
    await a.conn.close();
    await b.conn.close();
  });

  it('stores every type but cmd: history holds the seven stored types in seq order', async () => {
    const a = await env.login('alice');
    const page = await a.conn.getHistoryMessages({ targetId: 'bob', chatType: 'singleChat', pageSize: 50 });
    const types = page.messages.map((m: { type: string }) => m.type).reverse();
    expect(types).toEqual(['txt', 'img', 'audio', 'video', 'file', 'loc', 'custom']);
    await a.conn.close();
  });

  it("delivers the sender's own message to the sender's other device", async () => {
    const a1 = await env.login('alice');
    const a2 = await env.login('alice');
    await a1.conn.send(SDK.message.create({ type: 'txt', chatType: 'singleChat', to: 'bob', msg: 'from device 1' }));
    await waitFor(() => a2.inbox.texts().includes('from device 1'), 'copy on the second device');
    expect(a1.inbox.texts()).not.toContain('from device 1');
    await Promise.all([a1.conn.close(), a2.conn.close()]);
  });
});
