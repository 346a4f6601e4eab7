// PigeonAdmin messages: every type with ext, as a user or the system, to users, groups and chatrooms;
// recall; history. Received by real SDK connections.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminMessage, PigeonAdminError } from '@pigeon/server-sdk';
import { waitFor } from '../../../test/helpers/wait.js';
import { startAdminEnv, type AdminEnv } from './admin-env.js';

let e: AdminEnv;
beforeAll(async () => {
  e = await startAdminEnv();
  await e.admin.users.registerMany(['ada', 'bea', 'cal'].map((username) => ({ username })));
});
afterAll(() => e.close());

const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a failure');
    },
    (x: unknown) => x as PigeonAdminError,
  );

const ext = { orderId: 42, tags: ['a'], nested: { ok: true } };
const ALL: AdminMessage[] = [
  { type: 'txt', body: { text: 'hello' }, ext },
  { type: 'txt', body: { msg: 'easemob-style text' } },
  { type: 'img', body: { url: 'https://cdn.example/a.png', width: 10, height: 20 }, ext },
  { type: 'audio', body: { url: 'https://cdn.example/a.mp3', duration: 3 } },
  { type: 'video', body: { url: 'https://cdn.example/a.mp4', duration: 5, thumb: 'https://cdn.example/t.jpg' } },
  { type: 'file', body: { url: 'https://cdn.example/a.pdf', name: 'a.pdf', size: 100 } },
  { type: 'loc', body: { lat: 31.2, lng: 121.5, addr: 'Shanghai' } },
  { type: 'cmd', body: { action: 'refresh' }, ext },
  { type: 'custom', body: { event: 'gift', fields: { n: '3' } }, ext },
];

describe('messages to users', () => {
  it('sends every type with ext as the system and as a user; the SDK receives them in order', async () => {
    const bea = await e.login('bea');
    for (const [i, msg] of ALL.entries()) {
      const ids = await e.admin.messages.toUsers(['bea'], msg, i % 2 ? { from: 'ada' } : {});
      expect(Object.keys(ids)).toEqual(['bea']);
    }
    const got = await waitFor(() => (bea.inbox.messages().length >= ALL.length ? bea.inbox.messages() : null), 'all');
    expect(got.map((m) => m.type)).toEqual(ALL.map((m) => m.type));
    expect(got.map((m) => m.from)).toEqual(ALL.map((_, i) => (i % 2 ? 'ada' : 'admin')));
    expect(got[0]).toMatchObject({ msg: 'hello', ext });
    expect(got[1]).toMatchObject({ msg: 'easemob-style text' });
    expect(got[8]).toMatchObject({ ext });
    await bea.conn.close();
  });

  it('refuses unknown recipients and bad bodies with typed errors', async () => {
    expect(await failure(e.admin.messages.toUsers(['ghost'], { type: 'txt', body: { text: 'x' } }))).toMatchObject({
      type: 'USER_NOT_FOUND',
      status: 404,
      details: { path: '/to', users: ['ghost'] },
    });
    const bad = await failure(e.admin.messages.toUsers(['bea'], { type: 'loc', body: { lat: 'north' } }));
    expect(bad).toMatchObject({ type: 'BAD_REQUEST', status: 400 });
  });
});

describe('messages to groups and chatrooms', () => {
  it('reaches group members and chatroom members present', async () => {
    const gid = await e.admin.groups.create({ name: 'G', owner: 'ada', members: ['bea'] });
    const rid = await e.admin.chatrooms.create({ name: 'R', owner: 'ada' });
    const bea = await e.login('bea');
    await bea.conn.joinChatRoom({ roomId: rid });
    const g = await e.admin.messages.toGroups([gid], { type: 'txt', body: { text: 'to group' }, ext }, { from: 'ada' });
    expect(Object.keys(g)).toEqual([gid]);
    await e.admin.messages.toGroups([gid], { type: 'custom', body: { event: 'notice' } }, { allowGroupAck: true });
    const r = await e.admin.messages.toChatrooms([rid], { type: 'txt', body: { text: 'to room' } });
    expect(Object.keys(r)).toEqual([rid]);
    await waitFor(() => bea.inbox.texts().includes('to room'), 'room message');
    const msgs = bea.inbox.messages();
    expect(msgs.find((m) => m.to === gid && m.type === 'txt')).toMatchObject({ from: 'ada', ext });
    expect(msgs.find((m) => m.to === gid && m.type === 'custom')).toMatchObject({ from: 'admin' });
    expect(await failure(e.admin.messages.toGroups(['404'], { type: 'txt', body: { text: 'x' } }))).toMatchObject({
      type: 'GROUP_NOT_FOUND',
    });
    await bea.conn.close();
  });
});

describe('recall and history', () => {
  it('reads a conversation newest first, page by page, and recalls a message (the peer is told)', async () => {
    const cal = await e.login('cal');
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      ids.push(
        (await e.admin.messages.toUsers(['cal'], { type: 'txt', body: { text: `m${n}` } }, { from: 'ada' })).cal!,
      );
    }
    const page = await e.admin.messages.history({ users: ['cal', 'Ada'] }, { limit: 2 });
    expect(page.msgs.map((m) => (m.body as { text: string }).text)).toEqual(['m3', 'm2']);
    const older = await e.admin.messages.history('s:ada:cal', { limit: 2, before: page.cursor! });
    expect(older.msgs.map((m) => m.id)).toEqual([ids[0]]);
    expect(older.cursor).toBeNull();
    await e.admin.messages.recall({ msgId: ids[1]!, to: 'cal', from: 'ada' });
    await waitFor(() => cal.inbox.of('onRecallMessage').length === 1, 'recall event');
    const after = await e.admin.messages.history({ users: ['ada', 'cal'] });
    expect(after.msgs.find((m) => m.id === ids[1])).toMatchObject({ recalled: true });
    expect(await failure(e.admin.messages.recall({ msgId: '1', to: 'cal', from: 'ada' }))).toMatchObject({
      type: 'MESSAGE_NOT_FOUND',
      status: 404,
    });
    expect(await failure(e.admin.messages.history('nonsense'))).toMatchObject({ type: 'BAD_REQUEST' });
    await cal.conn.close();
  });
});
