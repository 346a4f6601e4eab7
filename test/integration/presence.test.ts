// Presence through the real SDK against the real server: online per device, custom status,
// subscriptions with expiry, and the Easemob REST paths.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEnv, type TestEnv } from '../helpers/env.js';
import { adminToken, rest } from '../helpers/rest.js';
import { waitFor } from '../helpers/wait.js';

let env: TestEnv;
beforeAll(async () => {
  env = await startEnv();
  await env.users('uma', 'vic', 'wes', 'xia', 'yan', 'zed');
});
afterAll(() => env.close());

type Change = { userId: string; statusDetails: Array<{ device: string; status: number }>; ext: string };
const changes = (inbox: { of(n: string): unknown[] }, user: string): Change[] =>
  (inbox.of('onPresenceStatusChange') as Change[][]).flat().filter((c) => c.userId === user);
const online = (c: Change) =>
  c.statusDetails
    .filter((d) => d.status === 1)
    .map((d) => d.device)
    .sort();

describe('presence', () => {
  it('a user is online while either of two devices is connected and offline after both close, device by device', async () => {
    const vic = await env.login('vic');
    const sub = await vic.conn.subscribePresence({ usernames: ['uma'], expiry: 3600 });
    const [offline] = sub.data.result;
    expect(offline).toMatchObject({ uid: 'uma', status: {}, ext: '' });
    expect(offline!.expiry).toBeGreaterThan(Date.now() / 1000 + 3500);
    const a = await env.login('uma');
    const devA = `node_${a.conn.deviceId}`;
    await waitFor(() => changes(vic.inbox, 'uma').length === 1, 'first device online');
    expect(online(changes(vic.inbox, 'uma')[0]!)).toEqual([devA]);
    const b = await env.login('uma');
    const devB = `node_${b.conn.deviceId}`;
    await waitFor(() => changes(vic.inbox, 'uma').length === 2, 'second device online');
    expect(online(changes(vic.inbox, 'uma')[1]!)).toEqual([devA, devB].sort());
    const both = (await vic.conn.getPresenceStatus({ usernames: ['uma'] })).data.result[0]!;
    expect(both.status).toEqual({ [devA]: 1, [devB]: 1 });
    await a.conn.close();
    await waitFor(() => changes(vic.inbox, 'uma').length === 3, 'first device gone');
    const third = changes(vic.inbox, 'uma')[2]!;
    expect(third.statusDetails).toEqual(
      expect.arrayContaining([
        { device: devA, status: 0 },
        { device: devB, status: 1 },
      ]),
    );
    expect((await vic.conn.getPresenceStatus({ usernames: ['uma'] })).data.result[0]!.status).toEqual({ [devB]: 1 });
    await b.conn.close();
    await waitFor(() => changes(vic.inbox, 'uma').length === 4, 'offline');
    expect(online(changes(vic.inbox, 'uma')[3]!)).toEqual([]);
    expect((await vic.conn.getPresenceStatus({ usernames: ['uma'] })).data.result[0]!.status).toEqual({});
    await vic.conn.close();
  });

  it('publishPresence sets a custom status that subscribers get; over 64 bytes is VALUE_TOO_LARGE', async () => {
    const vic = await env.login('vic');
    const uma = await env.login('uma');
    await uma.conn.publishPresence({ description: '开会中 in a meeting' });
    await waitFor(() => changes(vic.inbox, 'uma').some((c) => c.ext === '开会中 in a meeting'), 'status');
    const now = (await vic.conn.getPresenceStatus({ usernames: ['uma'] })).data.result[0]!;
    expect(now).toMatchObject({ ext: '开会中 in a meeting', last_time: expect.any(Number) });
    await expect(uma.conn.publishPresence({ description: '长'.repeat(22) })).rejects.toMatchObject({
      type: 'VALUE_TOO_LARGE',
      details: { limit: 64 },
    });
    await expect(uma.conn.publishPresence({} as never)).rejects.toMatchObject({ type: 'INVALID_ARGUMENT' });
    await uma.conn.publishPresence({ description: '' });
    await Promise.all([vic.conn.close(), uma.conn.close()]);
  });

  it('getSubscribedPresencelist pages subscriptions; after unsubscribePresence no more changes arrive', async () => {
    const vic = await env.login('vic');
    await vic.conn.subscribePresence({ usernames: ['wes', 'xia'], expiry: 600 });
    const page1 = await vic.conn.getSubscribedPresencelist({ pageNum: 1, pageSize: 2 });
    expect(page1.data.result.totalnum).toBe(3);
    expect(page1.data.result.sublist.map((s) => s.uid)).toEqual(['uma', 'wes']);
    const page2 = await vic.conn.getSubscribedPresenceList({ pageNum: 2, pageSize: 2 });
    expect(page2.data.result.sublist).toEqual([{ uid: 'xia', expiry: expect.any(Number) }]);
    await vic.conn.unsubscribePresence({ usernames: ['xia', 'uma'] });
    expect(
      (await vic.conn.getSubscribedPresencelist({ pageNum: 1, pageSize: 10 })).data.result.sublist.map((s) => s.uid),
    ).toEqual(['wes']);
    // zed still subscribes: once zed has xia's change, the same fan-out has passed vic by.
    const zed = await env.login('zed');
    await zed.conn.subscribePresence({ usernames: ['xia'], expiry: 600 });
    const xia = await env.login('xia');
    await waitFor(() => changes(zed.inbox, 'xia').length === 1, 'control subscriber told');
    await vic.conn.getPresenceStatus({ usernames: ['xia'] }); // a reply after anything pushed to vic before
    expect(changes(vic.inbox, 'xia')).toEqual([]);
    await Promise.all([vic.conn.close(), xia.conn.close(), zed.conn.close()]);
  });

  it('a subscription ends at its expiry: it leaves the list and its changes stop', async () => {
    const yan = await env.login('yan');
    await yan.conn.subscribePresence({ usernames: ['wes'], expiry: 1 });
    await waitFor(
      async () => (await yan.conn.getSubscribedPresencelist({ pageNum: 1, pageSize: 10 })).data.result.totalnum === 0,
      'expired',
    );
    const zed = await env.login('zed');
    await zed.conn.subscribePresence({ usernames: ['wes'], expiry: 600 });
    const wes = await env.login('wes');
    await waitFor(() => changes(zed.inbox, 'wes').length === 1, 'control subscriber told');
    await yan.conn.getPresenceStatus({ usernames: ['wes'] });
    expect(changes(yan.inbox, 'wes')).toEqual([]);
    // Subscribing again starts it over, with the status as it is now.
    const again = await yan.conn.subscribePresence({ usernames: ['wes'], expiry: 60 });
    expect(Object.values(again.data.result[0]!.status)).toEqual([1]);
    await Promise.all([yan.conn.close(), wes.conn.close(), zed.conn.close()]);
  });

  it('unknown users, bad expiries, empty and bad lists get typed errors', async () => {
    const vic = await env.login('vic');
    await expect(vic.conn.subscribePresence({ usernames: ['ghost'], expiry: 60 })).rejects.toMatchObject({
      type: 'USER_NOT_FOUND',
      details: { user: 'ghost' },
    });
    await expect(vic.conn.getPresenceStatus({ usernames: ['wes', 'ghost'] })).rejects.toMatchObject({
      type: 'USER_NOT_FOUND',
    });
    await expect(vic.conn.subscribePresence({ usernames: ['wes'], expiry: 31 * 24 * 3600 })).rejects.toMatchObject({
      type: 'BAD_REQUEST',
      details: { path: '/expiry' },
    });
    await expect(vic.conn.subscribePresence({ usernames: ['wes'], expiry: 0 })).rejects.toMatchObject({
      type: 'INVALID_ARGUMENT',
    });
    await expect(vic.conn.subscribePresence({ usernames: [], expiry: 5 })).rejects.toMatchObject({
      type: 'INVALID_ARGUMENT',
    });
    await expect(vic.conn.getPresenceStatus({ usernames: ['NO WAY'] })).rejects.toMatchObject({
      type: 'BAD_REQUEST',
      details: { path: '/users/0' },
    });
    await expect(vic.conn.getSubscribedPresencelist({ pageNum: 1, pageSize: 101 })).rejects.toMatchObject({
      type: 'INVALID_ARGUMENT',
    });
    await vic.conn.close();
  });
});

describe('presence REST', () => {
  it('subscribe, get, sublist, unsubscribe and set status on Easemob paths, with their { result } bodies', async () => {
    const admin = await adminToken(env.srv);
    const base = '/pigeon/demo/users/xia/presence';
    const sub = await rest(env.srv, 'POST', `${base}/120`, { token: admin, body: { usernames: ['uma'] } });
    expect(sub.status).toBe(200);
    expect(sub.body.result).toEqual([
      { uid: 'uma', last_time: expect.any(String), expiry: expect.any(String), ext: '', status: {} },
    ]);
    const uma = await env.login('uma');
    const got = await rest(env.srv, 'POST', base, { token: admin, body: { usernames: ['uma'] } });
    expect(got.body.result[0].status).toEqual({ [`node_${uma.conn.deviceId}`]: '1' });
    const list = await rest(env.srv, 'GET', `${base}/sublist?pageNum=1&pageSize=10`, { token: admin });
    expect(list.body.result).toEqual({ totalnum: '1', sublist: [{ uid: 'uma', expiry: expect.any(String) }] });
    const set = await rest(env.srv, 'POST', '/pigeon/demo/users/uma/presence/web/1', {
      token: admin,
      body: { ext: 'away' },
    });
    expect(set.body).toEqual({ result: 'ok' });
    expect((await uma.conn.getPresenceStatus({ usernames: ['uma'] })).data.result[0]!.ext).toBe('away');
    const batch = await rest(env.srv, 'POST', '/pigeon/demo/users/batch/status', {
      token: admin,
      body: { usernames: ['uma', 'xia', 'ghost'] },
    });
    expect(batch.body).toMatchObject({
      action: 'get batch user status',
      data: [{ uma: 'online' }, { xia: 'offline' }, { ghost: 'offline' }],
    });
    const unsub = await rest(env.srv, 'DELETE', base, { token: admin, body: ['uma'] });
    expect(unsub.body).toEqual({ result: 'ok' });
    const empty = await rest(env.srv, 'GET', `${base}/sublist`, { token: admin });
    expect(empty.body.result).toEqual({ totalnum: '0', sublist: [] });
    const bad = await rest(env.srv, 'POST', `${base}/0`, { token: admin, body: { usernames: ['uma'] } });
    expect(bad).toMatchObject({ status: 400, body: { name: 'BAD_REQUEST' } });
    const ghost = await rest(env.srv, 'POST', base, { token: admin, body: { usernames: ['ghost'] } });
    expect(ghost).toMatchObject({ status: 404, body: { name: 'USER_NOT_FOUND' } });
    await uma.conn.close();
  });
});
