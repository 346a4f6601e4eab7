import type { Message, OutgoingMessage } from '@pigeon/protocol';
import { describe, expect, it } from 'vitest';
import { fromWire, toWire } from '../src/core/mapping.js';
import { message } from '../src/core/messages.js';
import type { ChatMessage } from '../src/core/types.js';

/** Easemob-shaped create() params and the wire body each must become. */
const CASES: [Record<string, unknown>, OutgoingMessage['body']][] = [
  [{ type: 'txt', msg: 'hi 你好' }, { text: 'hi 你好' }],
  [
    {
      type: 'img',
      url: 'https://f/x.png',
      width: 10,
      height: 20,
      file_length: 300,
      filename: 'x.png',
      thumb: 'https://f/t.png',
    },
    { url: 'https://f/x.png', width: 10, height: 20, size: 300, name: 'x.png', thumb: 'https://f/t.png' },
  ],
  [
    { type: 'audio', url: 'https://f/a.amr', length: 3, file_length: 9 },
    { url: 'https://f/a.amr', duration: 3, size: 9 },
  ],
  [
    { type: 'video', url: 'https://f/v.mp4', length: 12, thumb: 'https://f/v.jpg', width: 640, height: 480 },
    { url: 'https://f/v.mp4', duration: 12, thumb: 'https://f/v.jpg', width: 640, height: 480 },
  ],
  [
    { type: 'file', body: { url: 'https://f/r.pdf', type: 'file', filename: 'r.pdf' } },
    { url: 'https://f/r.pdf', name: 'r.pdf' },
  ],
  [
    { type: 'loc', lat: 31.2, lng: 121.5, addr: 'Shanghai', buildingName: 'Tower' },
    { lat: 31.2, lng: 121.5, addr: 'Shanghai', buildingName: 'Tower' },
  ],
  [{ type: 'cmd', action: 'typing' }, { action: 'typing' }],
  [
    { type: 'custom', customEvent: 'gift', customExts: { n: '3' } },
    { event: 'gift', fields: { n: '3' } },
  ],
];

describe('message.create and the Easemob <-> wire mapping', () => {
  it.each(CASES)('%o', (params, body) => {
    const created = message.create({
      chatType: 'singleChat',
      to: 'bob',
      ext: { k: 'v' },
      ...params,
    } as never) as ChatMessage;
    expect(created.id).toMatch(/^[0-9a-z]{12,}$/);
    expect(created.chatType).toBe('singleChat');
    const wire = toWire(created);
    expect(wire).toEqual({ cid: created.id, chat: 'single', to: 'bob', type: params.type, body, ext: { k: 'v' } });

    const committed = { ...wire, id: '42', conv: 's:alice:bob', from: 'bob', seq: 7, ts: 1000 } as Message;
    const seen = fromWire(committed, 'alice');
    expect(seen).toMatchObject({
      id: '42',
      type: params.type,
      chatType: 'singleChat',
      from: 'bob',
      to: 'bob',
      time: 1000,
    });
    expect(seen).toMatchObject({ seq: 7, conv: 's:alice:bob', conversationId: 'bob', ext: { k: 'v' } });
    const { body: _upload, ...fields } = params;
    if (params.type === 'file') Object.assign(fields, { url: 'https://f/r.pdf', filename: 'r.pdf' });
    expect(seen).toMatchObject(fields);
  });

  it('create gives every message a different local id and keeps Easemob receipt shapes', () => {
    const ids = new Set(Array.from({ length: 2000 }, () => message.create({ type: 'txt', to: 'b', msg: '' }).id));
    expect(ids.size).toBe(2000);
    const read = message.create({ type: 'read', chatType: 'singleChat', to: 'bob', id: 'server-9' });
    expect(read).toMatchObject({ type: 'read', mid: 'server-9', to: 'bob' });
    expect(read.id).not.toBe('server-9');
    const delivery = message.create({ type: 'delivery', to: 'bob', ackId: 'server-9' });
    expect(delivery).toMatchObject({ type: 'delivery', mid: 'server-9' });
    expect(message.create({ type: 'channel', chatType: 'groupChat', to: 'team' })).toMatchObject({
      type: 'channel',
      chatType: 'groupChat',
    });
  });

  it('groups and chatrooms map to their wire chat and conversation', () => {
    const g = toWire(message.create({ type: 'txt', chatType: 'groupChat', to: 'team', msg: 'x' }));
    expect(g.chat).toBe('group');
    const r = toWire(message.create({ type: 'txt', chatType: 'chatRoom', to: 'lobby', msg: 'x' }));
    expect(r.chat).toBe('room');
    const seen = fromWire({ ...g, id: '1', conv: 'g:team', from: 'bob', seq: 1, ts: 1 } as Message, 'alice');
    expect(seen).toMatchObject({ chatType: 'groupChat', conversationId: 'team', to: 'team' });
  });

  it.each([
    [{ type: 'txt', to: 'bob' }, 'msg'],
    [{ type: 'img', to: 'bob' }, 'url'],
    [{ type: 'loc', to: 'bob', lat: 'x', lng: 1 }, 'lat/lng'],
    [{ type: 'cmd', to: 'bob', action: '' }, 'action'],
    [{ type: 'custom', to: 'bob', customEvent: 'e', customExts: { n: 3 } }, 'customExts'],
    [{ type: 'txt', to: '', msg: 'x' }, 'to'],
    [{ type: 'txt', to: 'bob', msg: 'x', chatType: 'nope' }, 'chatType'],
    [{ type: 'txt', to: 'bob', msg: 'x', ext: [1] }, 'ext'],
    [{ type: 'combine', to: 'bob' }, 'type'],
  ])('invalid %o is INVALID_ARGUMENT naming %s', (params, field) => {
    const created = message.create(params as never) as ChatMessage;
    expect(() => toWire(created)).toThrow(
      expect.objectContaining({ type: 'INVALID_ARGUMENT', code: 6007, details: { field } }),
    );
  });

  it('recalled messages surface with empty content and the flag', () => {
    const m = {
      cid: 'c',
      chat: 'single',
      to: 'alice',
      type: 'txt',
      body: {},
      id: '5',
      conv: 's:alice:bob',
      from: 'bob',
      seq: 2,
      ts: 1,
      recalled: true,
    } as unknown as Message;
    expect(fromWire(m, 'alice')).toMatchObject({ msg: '', recalled: true });
  });
});
