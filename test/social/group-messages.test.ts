/**
 * Group messages end to end: pushed to members, synced offline with per-member unread counts, only
 * after joining, @mentions surfaced in the conversation list, read receipts, recall, and one stored
 * row per message however many members (read diffusion).
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import SDK from '@pigeon/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEnv, text, until, type Env, type Json } from './env.js';

let env: Env;
beforeAll(async () => {
  env = await startEnv();
});
afterAll(() => env.close());

const rows = (sql: string, ...args: unknown[]) => {
  const db = new Database(join(env.server.config.dataDir, 'pigeon.db'), { readonly: true });
  try {
    return db.prepare(sql).all(...args) as Json[];
  } finally {
    db.close();
  }
};
const unreadOf = async (conn: Awaited<ReturnType<Env['login']>>['conn'], gid: string) =>
  (await conn.getServerConversations()).data.conversations.find((c) => c.conversationId === gid);

describe('group messages', () => {
  it('online members get pushes; offline ones sync in order with their own unread counts', async () => {
    const [owner, a, b, c] = await env.users(4, 'gs');
    const o = await env.login(owner!);
    const ua = await env.login(a!);
    const gid = (await o.conn.createGroup({ data: { groupname: 'Sync', members: [a!, b!, c!] } })).data.groupid;
    for (const m of ['one', 'two', 'three']) await o.conn.send(text(gid, m, 'groupChat'));
    const sent = await ua.conn.send(text(gid, 'from a', 'groupChat'));
    expect(sent.message).toMatchObject({
      chatType: 'groupChat',
      to: gid,
      conversationId: gid,
      conv: `g:${gid}`,
      seq: 4,
    });
    await until(() => ua.inbox.texts().length === 3, 'a got the pushes');
    expect(ua.inbox.of('onTextMessage')[0]).toMatchObject({
      from: owner,
      to: gid,
      chatType: 'groupChat',
      conversationId: gid,
      seq: 1,
    });
    await until(() => o.inbox.texts().includes('from a'), 'owner got a reply');

    const ub = await env.login(b!);
    await until(() => ub.inbox.texts().length === 4, 'b synced');
    expect(ub.inbox.texts()).toEqual(['one', 'two', 'three', 'from a']);
    expect((await unreadOf(ub.conn, gid))?.unReadCount).toBe(4);
    expect((await unreadOf(ua.conn, gid))?.unReadCount).toBe(3);
    expect((await unreadOf(o.conn, gid))?.unReadCount).toBe(1);
    await ub.conn.send(SDK.message.create({ type: 'channel', chatType: 'groupChat', to: gid }));
    expect((await unreadOf(ub.conn, gid))?.unReadCount).toBe(0);
    const uc = await env.login(c!);
    await until(() => uc.inbox.texts().length === 4, 'c synced');
    expect((await unreadOf(uc.conn, gid))?.unReadCount).toBe(4);

    expect(rows('select count(*) n from messages where conv = ?', `g:${gid}`)[0].n).toBe(4);
    expect(rows('select count(*) n from user_conversations where conv = ?', `g:${gid}`)[0].n).toBe(4);
  });

  it('a member sees only what was sent after joining; after leaving, nothing', async () => {
    const [owner, late] = await env.users(2, 'gj');
    const o = await env.login(owner!);
    const gid = (await o.conn.createGroup({ data: { groupname: 'Late', public: true, approval: false } })).data.groupid;
    await o.conn.send(text(gid, 'before', 'groupChat'));
    const l = await env.login(late!);
    await l.conn.joinGroup({ groupId: gid });
    await until(() => o.inbox.of('onGroupEvent').some((e: Json) => e.operation === 'memberPresence'), 'presence');
    await o.conn.send(text(gid, 'after', 'groupChat'));
    await until(() => l.inbox.texts().length === 1, 'late member got the new one');
    const history = await l.conn.getHistoryMessages({ targetId: gid, chatType: 'groupChat' });
    expect(history.messages.map((m) => (m as { msg: string }).msg)).toEqual(['after']);
    expect((await unreadOf(l.conn, gid))?.unReadCount).toBe(1);

    await l.conn.leaveGroup({ groupId: gid });
    await o.conn.send(text(gid, 'gone', 'groupChat'));
    await expect(l.conn.getHistoryMessages({ targetId: gid, chatType: 'groupChat' })).rejects.toMatchObject({
      type: 'NOT_A_MEMBER',
    });
    expect(await unreadOf(l.conn, gid)).toBeUndefined();
    const again = await env.login(late!);
    await again.conn.joinGroup({ groupId: gid });
    expect((await again.conn.getHistoryMessages({ targetId: gid, chatType: 'groupChat' })).messages).toEqual([]);
  });

  it('@mentions: named members and ALL are pushed in ext and flagged on the conversation until read', async () => {
    const [owner, a, b] = await env.users(3, 'gt');
    const o = await env.login(owner!);
    const ua = await env.login(a!);
    const ub = await env.login(b!);
    const gid = (await o.conn.createGroup({ data: { groupname: 'At', members: [a!, b!] } })).data.groupid;
    await o.conn.send(text(gid, `@${a} look`, 'groupChat', { ext: { em_at_list: [a] } }));
    await until(() => ua.inbox.texts().length === 1 && ub.inbox.texts().length === 1, 'pushed');
    expect(ua.inbox.of('onTextMessage')[0].ext).toEqual({ em_at_list: [a] });
    expect((await unreadOf(ua.conn, gid))?.mentioned).toBe(true);
    expect((await unreadOf(ub.conn, gid))?.mentioned).toBeUndefined();
    await ua.conn.send(SDK.message.create({ type: 'channel', chatType: 'groupChat', to: gid }));
    expect((await unreadOf(ua.conn, gid))?.mentioned).toBeUndefined();

    await ua.conn.send(text(gid, '@all hello', 'groupChat', { ext: { em_at_list: 'ALL' } }));
    expect((await unreadOf(ub.conn, gid))?.mentioned).toBe(true);
    expect((await unreadOf(o.conn, gid))?.mentioned).toBe(true);
    expect((await unreadOf(ua.conn, gid))?.mentioned).toBeUndefined(); // the sender
    expect(rows('select target from mentions where conv = ? order by seq', `g:${gid}`).map((r) => r.target)).toEqual([
      a,
      '*',
    ]);
  });

  it('read receipts for messages sent with allowGroupAck: the sender hears the count, readers are listed', async () => {
    const [owner, a, b] = await env.users(3, 'gk');
    const o = await env.login(owner!);
    const ua = await env.login(a!);
    const ub = await env.login(b!);
    const gid = (await o.conn.createGroup({ data: { groupname: 'Ack', members: [a!, b!] } })).data.groupid;
    const { serverMsgId } = await o.conn.send(text(gid, 'ack me', 'groupChat', { msgConfig: { allowGroupAck: true } }));
    await until(() => ua.inbox.texts().length === 1, 'pushed');
    expect(ua.inbox.of('onTextMessage')[0].msgConfig).toEqual({ allowGroupAck: true });
    await ua.conn.send(SDK.message.create({ type: 'read', chatType: 'groupChat', to: gid, id: serverMsgId }));
    await until(() => o.inbox.of('onReadMessage').length === 1, 'sender told');
    expect(o.inbox.of('onReadMessage')[0]).toMatchObject({
      from: a,
      mid: serverMsgId,
      chatType: 'groupChat',
      groupReadCount: { [serverMsgId]: 1 },
    });
    await ub.conn.send(SDK.message.create({ type: 'read', chatType: 'groupChat', to: gid, id: serverMsgId }));
    await ub.conn.send(SDK.message.create({ type: 'read', chatType: 'groupChat', to: gid, id: serverMsgId })); // once only
    await until(() => o.inbox.of('onReadMessage').length === 2, 'second reader');
    expect(o.inbox.of('onReadMessage')[1].groupReadCount).toEqual({ [serverMsgId]: 2 });
    const readers = await o.conn.getGroupMsgReadUser({ groupId: gid, msgId: serverMsgId });
    expect(readers.data).toMatchObject({ ackmid: serverMsgId, total: 2, userlist: [a, b] });
    // a plain message takes no receipts: nothing is recorded for it
    const plain = await o.conn.send(text(gid, 'no ack', 'groupChat'));
    await ua.conn.send(SDK.message.create({ type: 'read', chatType: 'groupChat', to: gid, id: plain.serverMsgId }));
    expect((await o.conn.getGroupMsgReadUser({ groupId: gid, msgId: plain.serverMsgId })).data.total).toBe(0);
  });

  it('recall reaches every member; cmd messages pass through unstored', async () => {
    const [owner, a] = await env.users(2, 'gc');
    const o = await env.login(owner!);
    const ua = await env.login(a!);
    const gid = (await o.conn.createGroup({ data: { groupname: 'Recall', members: [a!] } })).data.groupid;
    const sent = await o.conn.send(text(gid, 'oops', 'groupChat'));
    await until(() => ua.inbox.texts().length === 1, 'pushed');
    await o.conn.recallMessage({ mid: sent.serverMsgId, to: gid, chatType: 'groupChat' });
    await until(() => ua.inbox.of('onRecallMessage').length === 1, 'recall pushed');
    expect(ua.inbox.of('onRecallMessage')[0]).toMatchObject({
      mid: sent.serverMsgId,
      from: owner,
      chatType: 'groupChat',
      conversationId: gid,
    });
    await o.conn.send(SDK.message.create({ type: 'cmd', chatType: 'groupChat', to: gid, action: 'typing' }));
    await until(() => ua.inbox.of('onCmdMessage').length === 1, 'cmd pushed');
    expect(rows('select count(*) n from messages where conv = ?', `g:${gid}`)[0].n).toBe(1);
  });

  it('the app backend sends to groups over REST through the same path (POST /messages/chatgroups)', async () => {
    const [owner, a] = await env.users(2, 'gb');
    const o = await env.login(owner!);
    const ua = await env.login(a!);
    const gid = (await o.conn.createGroup({ data: { groupname: 'Rest', members: [a!] } })).data.groupid;
    const r = await env.rest('POST', '/messages/chatgroups', {
      from: owner,
      to: [gid],
      type: 'txt',
      body: { msg: 'from backend' },
    });
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual({ [gid]: expect.stringMatching(/^\d+$/) });
    await until(() => ua.inbox.texts().includes('from backend'), 'member got the admin send');
    await until(() => o.inbox.texts().includes('from backend'), "the named sender's devices too");
    const bad = await env.rest('POST', '/messages/chatgroups', { to: ['999'], type: 'txt', body: { msg: 'x' } });
    expect(bad).toMatchObject({
      status: 404,
      body: { name: 'GROUP_NOT_FOUND', code: 4020, error: 'service_resource_not_found' },
    });
  });
});
