/**
 * A node that joins a running cluster knows who is in each chatroom, the room's seq and its recent
 * history before it takes connections: it asks the running nodes at startup (room-replica.ts). Two
 * nodes on a real PostgreSQL and Redis, members join on both, then a third node starts; a user on it
 * sees the same member list, gets the history, and their broadcasts reach the members on the others.
 * Skipped, loudly, without the postgres/redis binaries.
 */
import { describe, expect, it } from 'vitest';
import SDK from '@pigeon/sdk';
import { hasPostgres, warnSkipped } from '../helpers/pg.js';
import { hasRedis } from '../helpers/redis.js';
import { adminToken, rest } from '../helpers/rest.js';
import { twoNodesPerSuite } from '../helpers/two-nodes.js';
import { waitFor } from '../helpers/wait.js';

const enabled = hasPostgres && hasRedis;
if (!enabled) warnSkipped('chatroom members on a node started later');

const txt = (to: string, msg: string) => SDK.message.create({ type: 'txt', chatType: 'chatRoom', to, msg });
type Got = { msg: string; seq: number; to: string };
const got = (inbox: { of(n: string): unknown[] }, to: string) =>
  (inbox.of('onTextMessage') as Got[]).filter((m) => m.to === to);
const names = (r: { data: { member?: string; owner?: string }[] }) => r.data.map((m) => m.member ?? m.owner);

describe.skipIf(!enabled)('a chatroom on a node started after its members joined', () => {
  const cluster = twoNodesPerSuite('lia', 'leo', 'lou', 'lux');

  it('the new node learns the members, seq and history; broadcasts cross both ways', async () => {
    const { n1, n2 } = cluster();
    const path = `/${n1.srv.defaultApp!.appKey.replace('#', '/')}`;
    const created = await rest(n1.srv, 'POST', `${path}/chatrooms`, {
      token: await adminToken(n1.srv),
      body: { name: 'Late', description: 'joined before node 3 started', maxusers: 10, owner: 'lia' },
    });
    expect(created.status).toBe(200);
    const rid = created.body.data.id as string;
    const lia = await n1.login('lia');
    const leo = await n2.login('leo');
    await lia.conn.joinChatRoom({ roomId: rid });
    await leo.conn.joinChatRoom({ roomId: rid });
    for (let i = 0; i < 3; i++) await lia.conn.send(txt(rid, `lia${i}`));
    await waitFor(() => got(leo.inbox, rid).length >= 3, 'leo (node 2) to get lia (node 1)');

    const n3 = await cluster().startNode(3);
    const lou = await n3.login('lou');
    const before = await lou.conn.listChatRoomMembers({ chatRoomId: rid, pageNum: 1, pageSize: 10 });
    expect(names(before)).toEqual(['lia', 'leo']);

    await lou.conn.joinChatRoom({ roomId: rid });
    await waitFor(() => got(lou.inbox, rid).length >= 3, 'lou (node 3) to get the history');
    expect(got(lou.inbox, rid).map((m) => [m.msg, m.seq])).toEqual([
      ['lia0', 1],
      ['lia1', 2],
      ['lia2', 3],
    ]);
    const arrived = (inbox: typeof lia.inbox) =>
      inbox.of('onChatroomEvent').some((e) => (e as { operation: string; from: string }).from === 'lou');
    await waitFor(() => arrived(lia.inbox) && arrived(leo.inbox), 'lia and leo to see lou arrive');

    const sent = await lou.conn.send(txt(rid, 'lou0'));
    expect(sent.message).toMatchObject({ seq: 4 });
    await waitFor(
      () => got(lia.inbox, rid).some((m) => m.msg === 'lou0') && got(leo.inbox, rid).some((m) => m.msg === 'lou0'),
      'lia (node 1) and leo (node 2) to get lou0 (node 3)',
    );
    await leo.conn.send(txt(rid, 'leo0'));
    await waitFor(() => got(lou.inbox, rid).some((m) => m.msg === 'leo0'), 'lou (node 3) to get leo0 (node 2)');

    // Every node gives the same member list.
    const lux1 = await n1.login('lux');
    for (const conn of [lux1.conn, leo.conn, lou.conn]) {
      const r = await conn.listChatRoomMembers({ chatRoomId: rid, pageNum: 1, pageSize: 10 });
      expect(names(r)).toEqual(['lia', 'leo', 'lou']);
    }
  });
});
