/**
 * Frame once, write many (gateway/prepared-frame.ts): the prepared frame is what ws itself would
 * send, the writer falls back to ws.send where raw writes are not safe, and a real group push reaches
 * every member's socket once, as the same bytes.
 */
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { FrameWriter, prepareText, textFrame } from '../src/gateway/prepared-frame.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { RawClient } from './helpers/ws-client.js';

/** A plain ws server whose one connection is written through a FrameWriter; the client records what it reads. */
async function pair(deflate: boolean) {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: deflate });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const accepted = new Promise<{ ws: WebSocket; socket: Duplex }>((resolve) =>
    wss.once('connection', (ws, req) => resolve({ ws, socket: req.socket })),
  );
  const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`, { perMessageDeflate: deflate });
  const got: Array<{ text: string; isBinary: boolean }> = [];
  client.on('message', (data, isBinary) => got.push({ text: String(data), isBinary }));
  await new Promise((r) => client.once('open', r));
  const { ws, socket } = await accepted;
  const close = async () => {
    client.close();
    await new Promise((r) => wss.close(r));
  };
  return { writer: new FrameWriter(ws, socket), ws, got, close };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  expect(check()).toBe(true);
};

describe('prepared frames', () => {
  // Every header length (7-bit, 16-bit, 64-bit) on both sides of its boundary, and multi-byte UTF-8.
  const texts = [
    '',
    'a',
    'x'.repeat(125),
    'x'.repeat(126),
    'é'.repeat(100),
    'x'.repeat(65_535),
    'x'.repeat(65_536),
    '鸽'.repeat(30_000),
  ];

  it('are read by a ws client as the text frames ws would send, in order with ws.send frames', async () => {
    const p = await pair(false);
    expect(p.writer.raw).toBe(true);
    for (const t of texts) {
      p.writer.write(prepareText(t));
      p.ws.send(`after ${t.length}`); // ws's own frames interleave without corrupting the stream
    }
    await until(() => p.got.length === texts.length * 2);
    expect(p.got.map((g) => g.text)).toEqual(texts.flatMap((t) => [t, `after ${t.length}`]));
    expect(p.got.every((g) => !g.isBinary)).toBe(true);
    await p.close();
  });

  it('fall back to ws.send when an extension was negotiated (permessage-deflate holds frames back)', async () => {
    const p = await pair(true);
    expect(p.ws.extensions).not.toBe('');
    expect(p.writer.raw).toBe(false);
    for (const t of texts) p.writer.write(prepareText(t));
    await until(() => p.got.length === texts.length);
    expect(p.got.map((g) => g.text)).toEqual(texts);
    await p.close();
  });

  it('fall back to ws.send without the socket', async () => {
    const p = await pair(false);
    const writer = new FrameWriter(p.ws, undefined);
    expect(writer.raw).toBe(false);
    writer.write(prepareText('through ws'));
    await until(() => p.got.length === 1);
    expect(p.got[0]!.text).toBe('through ws');
    await p.close();
  });

  it('are built once for a run of sockets getting the same text', () => {
    const text = JSON.stringify({ ev: 'msg', d: { n: 1 } });
    expect(prepareText(text)).toBe(prepareText(text));
    expect(textFrame(Buffer.from('hi')).equals(Buffer.from([0x81, 2, 0x68, 0x69]))).toBe(true);
  });
});

describe('a group push to 200 members on real WebSockets', () => {
  let s: TestServer;
  const members = Array.from({ length: 200 }, (_, i) => `fm${i}`);
  beforeAll(async () => {
    s = await startTestServer({ limits: { opsPerSecond: 1000 } });
    const names = ['fowner', ...members];
    for (let i = 0; i < names.length; i += 60) await s.createUsers(names.slice(i, i + 60));
  });
  afterAll(() => s.close());

  it('reaches every member once, the same bytes on every socket', async () => {
    const owner = await RawClient.login(s.wsUrl, 'pigeon#demo', await s.tokenFor('fowner'));
    const clients: RawClient[] = [];
    for (const m of members) clients.push(await RawClient.login(s.wsUrl, 'pigeon#demo', await s.tokenFor(m)));
    const raw = clients.map(() => [] as Buffer[]);
    clients.forEach((c, i) => c.ws.on('message', (data) => raw[i]!.push(Buffer.from(data as Buffer))));
    const { groupId } = await owner.ok('group.create', {
      name: 'fan',
      members,
      maxUsers: 500,
      inviteNeedConfirm: false,
    });
    const text = 'frame once, write many — 鸽子 ' + 'x'.repeat(300);
    const ack = await owner.ok('msg.send', {
      msg: { cid: 'fan-1', chat: 'group', to: groupId, type: 'txt', body: { text } },
    });
    for (const c of clients) await c.until(() => (c.eventsOf('msg').length ? true : undefined), 20_000, 'the push');
    const pushes = raw.map((frames) => frames.filter((b) => b.includes('"ev":"msg"')));
    expect(pushes.map((p) => p.length)).toEqual(members.map(() => 1));
    const first = pushes[0]![0]!;
    expect(pushes.every((p) => p[0]!.equals(first))).toBe(true);
    const pushed = JSON.parse(first.toString('utf8'));
    expect(pushed.d).toMatchObject({ id: ack.id, seq: ack.seq, from: 'fowner', body: { text } });
    // The sender's own session gets the ack, not the push.
    expect(owner.eventsOf('msg')).toHaveLength(0);
    for (const c of [owner, ...clients]) c.close();
  }, 120_000);
});
