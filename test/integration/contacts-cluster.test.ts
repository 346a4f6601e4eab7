/**
 * Contacts, profiles and presence on two Pigeon nodes sharing a real PostgreSQL and a real Redis:
 * requests and their answers, profile changes and presence cross nodes, and a user's devices on
 * both nodes make one presence. Runs whenever the postgres and redis-server binaries are installed
 * (always in CI); says so loudly otherwise.
 */
import { describe, expect, it } from 'vitest';
import { hasPostgres, warnSkipped } from '../helpers/pg.js';
import { hasRedis } from '../helpers/redis.js';
import { twoNodesPerSuite } from '../helpers/two-nodes.js';
import { waitFor } from '../helpers/wait.js';

const enabled = hasPostgres && hasRedis;
if (!enabled) warnSkipped('integration contacts cluster');

type Change = { userId: string; statusDetails: Array<{ device: string; status: number }> };
const changes = (inbox: { of(n: string): unknown[] }, user: string): Change[] =>
  (inbox.of('onPresenceStatusChange') as Change[][]).flat().filter((c) => c.userId === user);
const online = (c: Change | undefined) =>
  (c?.statusDetails ?? [])
    .filter((d) => d.status === 1)
    .map((d) => d.device)
    .sort();

describe.skipIf(!enabled)('contacts and presence across two nodes', () => {
  const cluster = twoNodesPerSuite('ann', 'ben', 'uma', 'vic');

  it('a request made on one node reaches the invitee on the other, and the answer comes back; profile changes too', async () => {
    const { n1, n2 } = cluster();
    const ann = await n1.login('ann');
    const ben = await n2.login('ben');
    await ann.conn.addContact('ben', 'across');
    await waitFor(() => ben.inbox.of('onContactInvited').length === 1, 'invite on node 2');
    expect(ben.inbox.of('onContactInvited')[0]).toMatchObject({ from: 'ann', status: 'across' });
    await ben.conn.acceptContactInvite('ann');
    await waitFor(() => ann.inbox.of('onContactAdded').length === 1, 'added on node 1');
    expect(ann.inbox.of('onContactAgreed')).toHaveLength(1);
    await ben.conn.updateUserInfo('nickname', 'Ben on node 2');
    await waitFor(() => ann.inbox.of('onUserInfoChange').length === 1, 'profile change on node 1');
    expect(ann.inbox.of('onUserInfoChange')[0]).toMatchObject({
      userId: 'ben',
      changes: { nickname: 'Ben on node 2' },
    });
    await Promise.all([ann.conn.close(), ben.conn.close()]);
  });

  it('a user with a device on each node is one presence: online until both are gone, with both devices listed', async () => {
    const { n1, n2 } = cluster();
    const vic = await n1.login('vic');
    await vic.conn.subscribePresence({ usernames: ['uma'], expiry: 600 });
    const a = await n1.login('uma');
    const devA = `node_${a.conn.deviceId}`;
    await waitFor(() => online(changes(vic.inbox, 'uma').at(-1)).includes(devA), 'device on node 1');
    const b = await n2.login('uma');
    const devB = `node_${b.conn.deviceId}`;
    await waitFor(() => online(changes(vic.inbox, 'uma').at(-1)).length === 2, 'both devices');
    expect(online(changes(vic.inbox, 'uma').at(-1))).toEqual([devA, devB].sort());
    const status = (await vic.conn.getPresenceStatus({ usernames: ['uma'] })).data.result[0]!;
    expect(status.status).toEqual({ [devA]: 1, [devB]: 1 });
    await a.conn.close();
    await waitFor(() => {
      const last = changes(vic.inbox, 'uma').at(-1);
      return last?.statusDetails.some((d) => d.device === devA && d.status === 0) && online(last).join() === devB;
    }, 'node 1 device gone, node 2 device still online');
    await b.conn.close();
    await waitFor(() => online(changes(vic.inbox, 'uma').at(-1)).length === 0, 'offline');
    expect((await vic.conn.getPresenceStatus({ usernames: ['uma'] })).data.result[0]!.status).toEqual({});
    await vic.conn.close();
  });
});
