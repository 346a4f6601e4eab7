/**
 * Chatrooms through the real SDK: who may create them, join with the recent history, broadcast,
 * leave (explicitly, on close, or a grace period after a dropped connection), every moderation call
 * with its onChatroomEvent, and the typed refusals.
 */
import SDK from '@pigeon/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawClient } from '../../packages/server/test/helpers/ws-client.js';
import { rejection, startEnv, text, until, type Env, type Json } from './env.js';
import { tcpProxy } from './tcp-proxy.js';

const GRACE_MS = 1500;
let env: Env;
beforeAll(async () => {
  env = await startEnv({ chatrooms: { graceMs: GRACE_MS, historySize: 5 } });
});
afterAll(() => env.close());

const ops = (events: Json[]) => events.map((e) => e.operation);
const roomEvents = (inbox: { of(n: 'onChatroomEvent'): Json[] }, op: string) =>
  inbox.of('onChatroomEvent').filter((e) => e.operation === op);

async function room(owner: string, extra: Record<string, unknown> = {}): Promise<string> {
  const r = await env.rest('POST', '/chatrooms', {
    name: 'Room',
    description: 'a room',
    maxusers: 10,
    owner,
    ...extra,
  });
  expect(r.status).toBe(200);
  return r.body.data.id as string;
}

describe('chatrooms through the SDK', () => {
  it('creating from the SDK needs a super admin, unless the app lets every user', async () => {
    const [plain, boss] = await env.users(2, 'rc');
    const p = await env.login(plain!);
    const e = await rejection(p.conn.createChatRoom({ name: 'no', description: '', maxusers: 10 }));
    expect(e).toMatchObject({ type: 'ROLE_REQUIRED', code: 3021, details: { required: 'superAdmin' } });
    expect((await env.rest('POST', '/chatrooms/super_admin', { superadmin: boss })).body.data).toEqual({
      result: 'success',
      resource: '',
    });
    expect((await env.rest('GET', '/chatrooms/super_admin')).body.data).toEqual([boss]);
    const b = await env.login(boss!);
    const made = await b.conn.createChatRoom({ name: 'Boss room', description: 'd', maxusers: 20, members: [plain!] });
    expect(made).toEqual({ type: 0, data: { id: expect.stringMatching(/^\d+$/) } });
    const details = (await b.conn.getChatRoomDetails({ chatRoomId: made.data.id })).data[0]!;
    expect(details).toMatchObject({
      id: made.data.id,
      name: 'Boss room',
      owner: boss,
      maxusers: 20,
      affiliations_count: 1,
    });
    expect(details.affiliations).toEqual([{ owner: boss }, { member: plain }]);
    await env.server.updateAppSettings(env.appKey, { usersMayCreateChatrooms: true });
    await p.conn.createChatRoom({ name: 'anyone', description: '', maxusers: 10 });
    await env.server.updateAppSettings(env.appKey, { usersMayCreateChatrooms: false });
    await env.rest('DELETE', `/chatrooms/super_admin/${boss}`);
    await expect(b.conn.createChatRoom({ name: 'again', description: '', maxusers: 10 })).rejects.toMatchObject({
      type: 'ROLE_REQUIRED',
    });
  });

  it('join, broadcast to those present, leave; presence events; lists of rooms and members', async () => {
    const [owner, a, b] = await env.users(3, 'rj');
    const rid = await room(owner!);
    const ua = await env.login(a!);
    const ub = await env.login(b!);
    const joined = await ua.conn.joinChatRoom({ roomId: rid });
    expect(joined.data).toMatchObject({
      result: true,
      id: rid,
      user: a,
      info: { memberCount: 1, isAllMembersMuted: false, muteExpireTimestamp: -1 },
    });
    await ub.conn.joinChatRoom({ roomId: rid });
    await until(() => roomEvents(ua.inbox, 'memberPresence').length, 'a sees b arrive');
    expect(roomEvents(ua.inbox, 'memberPresence')[0]).toMatchObject({ id: rid, from: b, userId: b, memberCount: 2 });

    const sent = await ua.conn.send(text(rid, 'hello room', 'chatRoom'));
    expect(sent.message).toMatchObject({ chatType: 'chatRoom', conv: `r:${rid}`, seq: 1 });
    await until(() => ub.inbox.texts().length === 1, 'b got the broadcast');
    expect(ub.inbox.of('onTextMessage')[0]).toMatchObject({
      from: a,
      to: rid,
      chatType: 'chatRoom',
      conversationId: rid,
      seq: 1,
    });
    expect(ua.inbox.texts()).toEqual([]); // not echoed to the sending connection

    expect((await ua.conn.getJoinedChatRooms({ pageNum: 1, pageSize: 10 })).data).toEqual([
      { id: rid, name: 'Room', owner, created: expect.any(Number), description: 'a room', maxusers: 10 },
    ]);
    expect((await ua.conn.listChatRoomMembers({ chatRoomId: rid, pageNum: 1, pageSize: 1 })).data).toEqual([
      { member: a },
    ]);
    expect((await ua.conn.listChatRoomMembers({ chatRoomId: rid, pageNum: 2, pageSize: 1 })).data).toEqual([
      { member: b },
    ]);
    const list = await ua.conn.getChatRooms({ pagenum: 1, pagesize: 100 });
    expect(list.data).toContainEqual({ affiliations_count: 2, id: rid, name: 'Room', owner });

    await ub.conn.leaveChatRoom({ roomId: rid });
    await until(() => roomEvents(ua.inbox, 'memberAbsence').length, 'a sees b leave');
    expect(roomEvents(ua.inbox, 'memberAbsence')[0]).toMatchObject({ userId: b, memberCount: 1 });
    await ua.conn.send(text(rid, 'after b left', 'chatRoom'));
    expect(await rejection(ub.conn.send(text(rid, 'not in', 'chatRoom')))).toMatchObject({
      type: 'NOT_A_MEMBER',
      code: 3020,
    });
    expect(ub.inbox.texts()).toEqual(['hello room']);
  });

  it('a late joiner gets the recent history (bounded), not older messages; rooms are not synced offline', async () => {
    const [owner, a, late] = await env.users(3, 'rh');
    const rid = await room(owner!);
    const ua = await env.login(a!);
    await ua.conn.joinChatRoom({ roomId: rid });
    for (let i = 1; i <= 7; i++) await ua.conn.send(text(rid, `m${i}`, 'chatRoom'));
    const l = await env.login(late!);
    await l.conn.joinChatRoom({ roomId: rid });
    await until(() => l.inbox.texts().length === 5, 'history delivered');
    expect(l.inbox.texts()).toEqual(['m3', 'm4', 'm5', 'm6', 'm7']);
    const history = await l.conn.getHistoryMessages({ targetId: rid, chatType: 'chatRoom', pageSize: 3 });
    expect(history.messages.map((m) => (m as { msg: string }).msg)).toEqual(['m7', 'm6', 'm5']);
    expect((await l.conn.getServerConversations()).data.conversations).toEqual([]);
  });

  it('a dropped connection keeps the user in for the grace period, a reconnect rejoins, then absence comes', async () => {
    const [owner, watcher, dropper, sdkUser] = await env.users(4, 'rg');
    const rid = await room(owner!);
    const w = await env.login(watcher!);
    await w.conn.joinChatRoom({ roomId: rid });
    const raw = await RawClient.login(env.server.wsUrl, env.appKey, await env.tokenFor(dropper!));
    expect((await raw.request('room.join', { roomId: rid })).d).toMatchObject({ lastSeq: 0, history: [] });
    const s = await env.login(sdkUser!);
    await s.conn.joinChatRoom({ roomId: rid });
    await until(() => roomEvents(w.inbox, 'memberPresence').length === 2, 'both arrived');

    // the SDK user's socket is dropped by the server: it reconnects and rejoins within the grace period
    for (const link of env.server.core.hub.sessions()) if (link.user === sdkUser) link.close(1011, 'test drop');
    raw.ws.terminate(); // the raw client just vanishes
    await until(() => s.inbox.of('onReconnecting').length && s.conn.isOpened(), 'sdk reconnected');
    await until(
      () => roomEvents(w.inbox, 'memberAbsence').length,
      'the vanished user leaves after the grace period',
      GRACE_MS * 5,
    );
    expect(roomEvents(w.inbox, 'memberAbsence').map((e) => e.userId)).toEqual([dropper]);
    await w.conn.send(text(rid, 'still there?', 'chatRoom'));
    await until(() => s.inbox.texts().includes('still there?'), 'the reconnected user is still in the room');
    const members = (await w.conn.listChatRoomMembers({ chatRoomId: rid, pageNum: 1, pageSize: 10 })).data.map(
      (m) => m.member,
    );
    expect(members.sort()).toEqual([watcher, sdkUser].sort());

    await s.conn.close(); // an explicit close leaves at once
    await until(() => roomEvents(w.inbox, 'memberAbsence').length === 2, 'close left the room');
    expect(roomEvents(w.inbox, 'memberAbsence')[1]).toMatchObject({ userId: sdkUser });
  });

  it('away longer than the grace period: the server lets the user go, the SDK rejoins on reconnect and catches up', async () => {
    const [owner, watcher, away] = await env.users(3, 'rw');
    const rid = await room(owner!);
    const w = await env.login(watcher!);
    await w.conn.joinChatRoom({ roomId: rid });
    const proxy = await tcpProxy(env.server.port);
    try {
      const a = await env.login(away!, {
        url: proxy.url('/ws'),
        apiUrl: env.server.httpUrl,
        autoReconnectNumMax: 1000,
      });
      await a.conn.joinChatRoom({ roomId: rid });
      await until(() => roomEvents(w.inbox, 'memberPresence').length === 1, 'arrived');
      proxy.cut();
      await until(() => roomEvents(w.inbox, 'memberAbsence').length === 1, 'server let the user go', GRACE_MS * 5);
      await w.conn.send(text(rid, 'while you were away', 'chatRoom'));
      proxy.heal();
      await until(() => roomEvents(w.inbox, 'memberPresence').length === 2, 'rejoined after reconnect', 15_000);
      await until(() => a.inbox.texts().includes('while you were away'), 'caught up from the recent history');
      await w.conn.send(text(rid, 'welcome back', 'chatRoom'));
      await until(() => a.inbox.texts().includes('welcome back'), 'live again');
      expect(a.inbox.texts()).toEqual(['while you were away', 'welcome back']);
    } finally {
      await proxy.close();
    }
  });

  it('admins, mutes, mute all, kick, block, announcement, modify, destroy: with their events', async () => {
    const [owner, adm, m1, m2] = await env.users(4, 'rm');
    const rid = await room(owner!);
    const o = await env.login(owner!);
    const ad = await env.login(adm!);
    const u1 = await env.login(m1!);
    const u2 = await env.login(m2!);
    for (const c of [o, ad, u1, u2]) await c.conn.joinChatRoom({ roomId: rid });
    expect((await o.conn.setChatRoomAdmin({ chatRoomId: rid, username: adm! })).data).toEqual({
      result: true,
      newadmin: adm,
    });
    await until(() => ops(ad.inbox.of('onChatroomEvent')).includes('setAdmin'), 'admin told');
    expect((await u1.conn.getChatRoomAdmin({ chatRoomId: rid })).data).toEqual([adm]);

    const mute = await ad.conn.muteChatRoomMember({ chatRoomId: rid, username: m1!, muteDuration: -1 });
    expect(mute.data).toEqual({ result: true, expire: -1, user: m1 });
    await until(() => ops(u1.inbox.of('onChatroomEvent')).includes('muteMember'), 'muted told');
    expect(await rejection(u1.conn.send(text(rid, 'muted', 'chatRoom')))).toMatchObject({
      type: 'MUTED',
      details: { expire: -1 },
    });
    expect((await ad.conn.getChatRoomMutelist({ chatRoomId: rid })).data).toEqual([{ user: m1, expire: -1 }]);
    expect((await ad.conn.unmuteChatRoomMember({ chatRoomId: rid, username: m1! })).data).toEqual([
      { result: true, user: m1 },
    ]);
    await u1.conn.send(text(rid, 'unmuted', 'chatRoom'));

    expect((await ad.conn.disableSendChatRoomMsg({ chatRoomId: rid })).data).toEqual({ mute: true });
    await until(() => ops(u2.inbox.of('onChatroomEvent')).includes('muteAllMembers'), 'mute all');
    expect(await rejection(u2.conn.send(text(rid, 'x', 'chatRoom')))).toMatchObject({
      type: 'MUTED',
      details: { all: true },
    });
    await ad.conn.send(text(rid, 'admins speak', 'chatRoom'));
    await o.conn.enableSendChatRoomMsg({ chatRoomId: rid });
    await until(() => ops(u2.inbox.of('onChatroomEvent')).includes('unmuteAllMembers'), 'unmute all');

    expect((await ad.conn.removeChatRoomMember({ chatRoomId: rid, username: m2! })).data).toEqual({
      result: true,
      action: 'remove_member',
      user: m2,
      id: rid,
    });
    await until(() => ops(u2.inbox.of('onChatroomEvent')).includes('removeMember'), 'kicked told');
    expect(await rejection(u2.conn.send(text(rid, 'kicked', 'chatRoom')))).toMatchObject({ type: 'NOT_A_MEMBER' });
    await ad.conn.blockChatRoomMember({ chatRoomId: rid, username: m1! });
    await until(() => ops(u1.inbox.of('onChatroomEvent')).includes('removeMember'), 'blocked and removed');
    expect((await o.conn.getChatRoomBlocklist({ chatRoomId: rid })).data).toEqual([m1]);
    expect(await rejection(u1.conn.joinChatRoom({ roomId: rid }))).toMatchObject({
      type: 'MEMBER_BLOCKED',
      code: 3024,
    });
    await o.conn.unblockChatRoomMembers({ chatRoomId: rid, usernames: [m1!] });
    await until(() => ops(u1.inbox.of('onChatroomEvent')).includes('unblockMember'), 'unblocked told');
    await u1.conn.joinChatRoom({ roomId: rid });

    await ad.conn.updateChatRoomAnnouncement({ roomId: rid, announcement: 'be nice' });
    await until(() => ops(u1.inbox.of('onChatroomEvent')).includes('updateAnnouncement'), 'announcement');
    expect((await u1.conn.fetchChatRoomAnnouncement({ roomId: rid })).data).toEqual({ announcement: 'be nice' });
    expect((await o.conn.modifyChatRoom({ chatRoomId: rid, chatRoomName: 'Renamed', maxusers: 50 })).data).toEqual({
      description: false,
      maxusers: true,
      groupname: true,
    });
    await until(() => ops(u1.inbox.of('onChatroomEvent')).includes('updateInfo'), 'updateInfo');
    await o.conn.removeChatRoomAdmin({ chatRoomId: rid, username: adm! });
    await until(() => ops(ad.inbox.of('onChatroomEvent')).includes('removeAdmin'), 'admin removed');

    expect((await o.conn.destroyChatRoom({ chatRoomId: rid })).data).toEqual({ id: rid });
    await until(() => ops(u1.inbox.of('onChatroomEvent')).includes('destroy'), 'destroy event');
    expect(await rejection(u1.conn.getChatRoomDetails({ chatRoomId: rid }))).toMatchObject({
      type: 'CHATROOM_NOT_FOUND',
      code: 4021,
    });
  });

  it('refusals: members cannot moderate, admins cannot touch the owner, full rooms, unknown rooms', async () => {
    const [owner, adm, m1, m2] = await env.users(4, 'rp');
    const rid = await room(owner!, { maxusers: 3 });
    const o = await env.login(owner!);
    const ad = await env.login(adm!);
    const u1 = await env.login(m1!);
    const u2 = await env.login(m2!);
    for (const c of [o, ad, u1]) await c.conn.joinChatRoom({ roomId: rid });
    await o.conn.setChatRoomAdmin({ chatRoomId: rid, username: adm! });
    expect(await rejection(u2.conn.joinChatRoom({ roomId: rid }))).toMatchObject({ type: 'MEMBERS_LIMIT', code: 3025 });
    expect(await rejection(u1.conn.removeChatRoomMember({ chatRoomId: rid, username: adm! }))).toMatchObject({
      type: 'ROLE_REQUIRED',
    });
    expect(
      await rejection(u1.conn.muteChatRoomMember({ chatRoomId: rid, username: adm!, muteDuration: 1000 })),
    ).toMatchObject({ type: 'ROLE_REQUIRED' });
    expect(
      await rejection(ad.conn.muteChatRoomMember({ chatRoomId: rid, username: owner!, muteDuration: 1000 })),
    ).toMatchObject({ type: 'ROLE_REQUIRED' });
    expect(await rejection(ad.conn.setChatRoomAdmin({ chatRoomId: rid, username: m1! }))).toMatchObject({
      type: 'ROLE_REQUIRED',
    });
    expect(await rejection(ad.conn.destroyChatRoom({ chatRoomId: rid }))).toMatchObject({ type: 'ROLE_REQUIRED' });
    expect(await rejection(u1.conn.getChatRoomMutelist({ chatRoomId: rid }))).toMatchObject({ type: 'ROLE_REQUIRED' });
    expect(await rejection(u2.conn.leaveChatRoom({ roomId: rid }))).toMatchObject({ type: 'NOT_A_MEMBER' });
    expect(await rejection(u2.conn.getHistoryMessages({ targetId: rid, chatType: 'chatRoom' }))).toMatchObject({
      type: 'NOT_A_MEMBER',
    });
    expect(await rejection(u2.conn.joinChatRoom({ roomId: '404' }))).toMatchObject({ type: 'CHATROOM_NOT_FOUND' });
    expect(await rejection(u2.conn.send(text('404', 'x', 'chatRoom')))).toMatchObject({ type: 'CHATROOM_NOT_FOUND' });
    expect(
      await rejection(o.conn.muteChatRoomMember({ chatRoomId: rid, username: m1!, muteDuration: 0 })),
    ).toMatchObject({ type: 'BAD_REQUEST' });
    expect(await rejection(o.conn.joinChatRoom({ roomId: '' }))).toMatchObject({ type: 'INVALID_ARGUMENT' });
  });

  it('recall empties the buffered copy for everyone present; the backend sends over REST', async () => {
    const [owner, a, b] = await env.users(3, 'rr');
    const rid = await room(owner!);
    const ua = await env.login(a!);
    const ub = await env.login(b!);
    await ua.conn.joinChatRoom({ roomId: rid });
    await ub.conn.joinChatRoom({ roomId: rid });
    const sent = await ua.conn.send(text(rid, 'oops', 'chatRoom'));
    await ua.conn.recallMessage({ mid: sent.serverMsgId, to: rid, chatType: 'chatRoom' });
    await until(() => ub.inbox.of('onRecallMessage').length, 'recall pushed');
    const hist = await ub.conn.getHistoryMessages({ targetId: rid, chatType: 'chatRoom' });
    expect(hist.messages[0]).toMatchObject({ id: sent.serverMsgId, recalled: true, msg: '' });
    const r = await env.rest('POST', '/messages/chatrooms', {
      from: owner,
      to: [rid],
      type: 'txt',
      body: { msg: 'announcement!' },
    });
    expect(r.body.data).toEqual({ [rid]: expect.any(String) });
    await until(
      () => ub.inbox.texts().includes('announcement!') && ua.inbox.texts().includes('announcement!'),
      'admin send broadcast',
    );
    const cmd = SDK.message.create({ type: 'cmd', chatType: 'chatRoom', to: rid, action: 'ping' });
    expect((await ua.conn.send(cmd)).message).toMatchObject({ seq: 0 });
  });
});
