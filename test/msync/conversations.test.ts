/**
 * The Easemob SDK's conversation lists (getConversationlist, getServerConversations) and
 * deleteConversation, through the real SDK against Pigeon's conversations: unread counts and the
 * last message, for 1:1 and group conversations.
 */
import SDK from '@pigeon/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait.js';
import { loadEasemobWeb, type EmAny } from './easemob-web.js';
import { startEmEnv, type EmEnv } from './em-env.js';

let env: EmEnv;
const EC = loadEasemobWeb();
let alice: { conn: EmAny };
let groupId: string;

beforeAll(async () => {
  env = await startEmEnv();
  await env.users('alice', 'bob', 'carol');
  const emBob = await env.emLogin('bob');
  const g = await emBob.conn.createGroup({
    data: { groupname: 'g', desc: '', members: ['alice'], public: false, approval: false, allowinvites: false },
  });
  groupId = g.data.groupid;
  emBob.conn.close();
  const bob = await env.login('bob');
  const carol = await env.login('carol');
  const txt = (chatType: string, to: string, msg: string) =>
    SDK.message.create({ type: 'txt', chatType, to, msg } as never);
  await bob.conn.send(txt('singleChat', 'alice', 'bob one'));
  await bob.conn.send(txt('singleChat', 'alice', 'bob two'));
  await carol.conn.send(txt('singleChat', 'alice', 'carol one'));
  await bob.conn.send(txt('groupChat', groupId, 'group hello'));
  await bob.conn.close();
  await carol.conn.close();
  alice = await env.emLogin('alice');
});
afterAll(() => env.close());

describe('Easemob SDK conversation lists', () => {
  it('getServerConversations: most recent first, with unread counts and the last message', async () => {
    const res = await alice.conn.getServerConversations({ pageSize: 20, cursor: '' });
    const list = res.data.conversations as Array<Record<string, EmAny>>;
    expect(list.map((c) => [c.conversationId, c.conversationType, c.unReadCount])).toEqual([
      [groupId, 'groupChat', 1],
      ['carol', 'singleChat', 1],
      ['bob', 'singleChat', 2],
    ]);
    expect(list[2]!.lastMessage).toMatchObject({ type: 'txt', msg: 'bob two', from: 'bob', to: 'alice' });
    expect(list[2]!.lastMessage.chatType).toBe('singleChat');
    expect(list[0]!.lastMessage).toMatchObject({ type: 'txt', msg: 'group hello', from: 'bob', to: groupId });
    expect(list[0]!.lastMessage.chatType).toBe('groupChat');
    expect(res.data.cursor).toBe('');
  });

  it('getServerConversations pages with the cursor', async () => {
    const first = await alice.conn.getServerConversations({ pageSize: 2, cursor: '' });
    expect(first.data.conversations.map((c: EmAny) => c.conversationId)).toEqual([groupId, 'carol']);
    const next = await alice.conn.getServerConversations({ pageSize: 2, cursor: first.data.cursor });
    expect(next.data.conversations.map((c: EmAny) => c.conversationId)).toEqual(['bob']);
    expect(next.data.cursor).toBe('');
  });

  it('getConversationlist: channel ids, unread counts and the last message; paged by pageNum', async () => {
    const appKey = env.srv.defaultApp!.appKey;
    const res = await alice.conn.getConversationlist();
    const list = res.data.channel_infos as Array<Record<string, EmAny>>;
    expect(list.map((c) => [c.channel_id, c.unread_num])).toEqual([
      [`${appKey}_${groupId}@conference.easemob.com`, 1],
      [`${appKey}_carol@easemob.com`, 1],
      [`${appKey}_bob@easemob.com`, 2],
    ]);
    expect(list[1]!.lastMessage).toMatchObject({ type: 'txt', msg: 'carol one', from: 'carol' });
    const page2 = await alice.conn.getConversationlist({ pageNum: 2, pageSize: 2 });
    expect(page2.data.channel_infos.map((c: EmAny) => c.channel_id)).toEqual([`${appKey}_bob@easemob.com`]);
  });

  it('reading a conversation clears its unread count; deleteConversation removes it from the list', async () => {
    await alice.conn.send(EC.message.create({ type: 'channel', chatType: 'singleChat', to: 'bob' }));
    await waitFor(async () => {
      const res = await alice.conn.getServerConversations({ pageSize: 20, cursor: '' });
      return res.data.conversations.find((c: EmAny) => c.conversationId === 'bob')?.unReadCount === 0;
    }, 'the bob conversation has no unread');
    await alice.conn.deleteConversation({ channel: 'carol', chatType: 'singleChat', deleteRoam: false });
    const res = await alice.conn.getServerConversations({ pageSize: 20, cursor: '' });
    expect(res.data.conversations.map((c: EmAny) => c.conversationId)).toEqual([groupId, 'bob']);
  });

  it('a conversation type the SDK does not send is refused with BAD_REQUEST', async () => {
    const [org, app] = env.srv.defaultApp!.appKey.split('#');
    const res = await fetch(`${env.srv.httpUrl}/${org}/${app}/user/alice/user_channel`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${alice.conn.context.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'bob', type: 'chatroom' }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ name: 'BAD_REQUEST' });
  });

  it("another user's list is refused", async () => {
    const [org, app] = env.srv.defaultApp!.appKey.split('#');
    const token = alice.conn.context.accessToken as string;
    const res = await fetch(`${env.srv.httpUrl}/${org}/${app}/sdk/user/bob/user_channels/list`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ name: 'FORBIDDEN' });
  });
});
