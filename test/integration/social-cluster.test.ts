/**
 * Groups and chatrooms across two Pigeon nodes on a real PostgreSQL and Redis: group messages reach
 * members on the other node; a chatroom's members, broadcasts, seq and recent history are the same
 * whichever node each member is connected to. Skipped, loudly, without the postgres/redis binaries.
 */
import { describe, expect, it } from 'vitest';
import SDK from '@pigeon/sdk';
import { hasPostgres, warnSkipped } from '../helpers/pg.js';
import { hasRedis } from '../helpers/redis.js';
import { twoNodesPerSuite } from '../helpers/two-nodes.js';
import { adminToken, rest } from '../helpers/rest.js';
import { waitFor } from '../helpers/wait.js';

const enabled = hasPostgres && hasRedis;
if (!enabled) warnSkipped('groups and chatrooms across nodes');

type Chat = 'groupChat' | 'chatRoom';
const txt = (to: string, msg: string, chatType: Chat) => SDK.message.create({ type: 'txt', chatType, to, msg });
type Got = { msg: string; seq: number; from: string };
const got = (inbox: { of(n: string): unknown[] }, to: string): Got[] =>
  (inbox.of('onTextMessage') as (Got & { to: string })[]).filter((m) => m.to === to);

describe.skipIf(!enabled)('groups and chatrooms across two nodes', () => {
  const cluster = twoNodesPerSuite('gia', 'gus', 'gwen', 'ria', 'rob', 'rex', 'rue');

  it('group messages from either node reach every member on both, once, in seq order', async () => {
    const { n1, n2 } = cluster();
    const gia = await n1.login('gia');
    const gus = await n2.login('gus');
    const gwen = await n2.login('gwen');
    const gid = (await gia.conn.createGroup({ data: { groupname: 'Both', members: ['gus', 'gwen'] } })).data.groupid;
    await Promise.all([
      (async () => {
        for (let i = 0; i < 10; i++) await gia.conn.send(txt(gid, `gia${i}`, 'groupChat'));
      })(),
      (async () => {
        for (let i = 0; i < 10; i++) await gus.conn.send(txt(gid, `gus${i}`, 'groupChat'));
      })(),
    ]);
    await waitFor(() => got(gwen.inbox, gid).length >= 20, 'gwen to get 20').catch((e: Error) => {
      // Seen once in about thirty runs (not reproduced since): name the seqs each member had.
      const seqs = (inbox: typeof gwen.inbox) =>
        got(inbox, gid)
          .map((m) => m.seq)
          .join(',');
      throw new Error(`${e.message}; gwen had ${seqs(gwen.inbox)}, gus ${seqs(gus.inbox)}, gia ${seqs(gia.inbox)}`);
    });
    const seqs = got(gwen.inbox, gid).map((m) => m.seq);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    await waitFor(() => got(gia.inbox, gid).length >= 10 && got(gus.inbox, gid).length >= 10, 'each other');
    expect(got(gia.inbox, gid).map((m) => m.msg)).toEqual(Array.from({ length: 10 }, (_, i) => `gus${i}`));
    expect(got(gus.inbox, gid).map((m) => m.msg)).toEqual(Array.from({ length: 10 }, (_, i) => `gia${i}`));
  });

  it('a chatroom is one room across nodes: members, broadcasts in one seq order, history, leaving', async () => {
    const { n1, n2 } = cluster();
    const path = `/${n1.srv.defaultApp!.appKey.replace('#', '/')}`;
    const created = await rest(n1.srv, 'POST', `${path}/chatrooms`, {
      token: await adminToken(n1.srv),
      body: { name: 'Both', description: 'two nodes', maxusers: 10, owner: 'ria' },
    });
    expect(created.status).toBe(200);
    const rid = created.body.data.id as string;
    const ria = await n1.login('ria');
    const rob = await n2.login('rob');
    await ria.conn.joinChatRoom({ roomId: rid });
    await rob.conn.joinChatRoom({ roomId: rid });
    await waitFor(
      () => ria.inbox.of('onChatroomEvent').some((e) => (e as { operation: string }).operation === 'memberPresence'),
      'ria (node 1) to see rob (node 2) arrive',
    );
    const members = await rob.conn.listChatRoomMembers({ chatRoomId: rid, pageNum: 1, pageSize: 10 });
    expect(members.data).toEqual([{ member: 'ria' }, { member: 'rob' }]);

    await Promise.all([
      (async () => {
        for (let i = 0; i < 10; i++) await ria.conn.send(txt(rid, `ria${i}`, 'chatRoom'));
      })(),
      (async () => {
        for (let i = 0; i < 10; i++) await rob.conn.send(txt(rid, `rob${i}`, 'chatRoom'));
      })(),
    ]);
    await waitFor(() => got(ria.inbox, rid).length >= 10 && got(rob.inbox, rid).length >= 10, 'both to get 10');
    expect(got(ria.inbox, rid).map((m) => m.msg)).toEqual(Array.from({ length: 10 }, (_, i) => `rob${i}`));
    expect(got(rob.inbox, rid).map((m) => m.msg)).toEqual(Array.from({ length: 10 }, (_, i) => `ria${i}`));

    // A late joiner on node 2 gets the recent history, from both nodes, in one seq order 1..20.
    const rex = await n2.login('rex');
    await rex.conn.joinChatRoom({ roomId: rid });
    await waitFor(() => got(rex.inbox, rid).length >= 20, 'rex to get the history');
    expect(got(rex.inbox, rid).map((m) => m.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));

    // And a joiner on node 1 takes the next seq.
    const rue = await n1.login('rue');
    await rue.conn.joinChatRoom({ roomId: rid });
    const sent = await rue.conn.send(txt(rid, 'rue0', 'chatRoom'));
    expect(sent.message).toMatchObject({ seq: 21 });
    await waitFor(() => got(rex.inbox, rid).some((m) => m.msg === 'rue0'), 'rex (node 2) to get rue0 (node 1)');

    await ria.conn.leaveChatRoom({ roomId: rid });
    await waitFor(
      () => rob.inbox.of('onChatroomEvent').some((e) => (e as { operation: string }).operation === 'memberAbsence'),
      'rob (node 2) to see ria (node 1) leave',
    );
    const after = await rex.conn.listChatRoomMembers({ chatRoomId: rid, pageNum: 1, pageSize: 10 });
    expect(after.data).toEqual([{ member: 'rob' }, { member: 'rex' }, { member: 'rue' }]);
  });
});
