import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MultiDevicePolicy } from '@pigeon/server';
import { startTestServer, type TestServer } from './helpers/server.js';
import { RawClient } from './helpers/ws-client.js';

describe('multi-device policies', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  const appWith = async (policy: MultiDevicePolicy) => {
    const app = await s.createApp({ org: 'kick', name: policy.replace('-', ''), settings: { multiDevice: policy } });
    await s.createUsers(['ann'], app.appKey);
    const token = await s.tokenFor('ann', app.appKey);
    return (platform: string, deviceId: string) => RawClient.login(s.wsUrl, app.appKey, token, { platform, deviceId });
  };

  it('single: a new login kicks every other session (event kicked, then close 4003)', async () => {
    const login = await appWith('single');
    const web = await login('web', 'w');
    const wx = await login('wechat', 'x');
    expect(await web.event('kicked')).toEqual({ reason: 'kicked', by: 'wechat' });
    expect((await web.closed).code).toBe(4003);
    expect((await wx.ok('ping')).t).toBeGreaterThan(0);
    wx.close();
  });

  it('per-platform: a login kicks the session on the same platform only', async () => {
    const login = await appWith('per-platform');
    const web1 = await login('web', 'w1');
    const wx = await login('wechat', 'x');
    const web2 = await login('web', 'w2');
    expect(await web1.event('kicked')).toEqual({ reason: 'kicked', by: 'web' });
    expect((await web1.closed).code).toBe(4003);
    expect(wx.eventsOf('kicked')).toHaveLength(0);
    expect((await wx.ok('ping')).t).toBeGreaterThan(0);
    wx.close();
    web2.close();
  });

  it('multi: no kicks; the same deviceId reconnecting replaces its old session quietly (no kicked event)', async () => {
    const login = await appWith('multi');
    const a = await login('web', 'same');
    const b = await login('wechat', 'other');
    const a2 = await login('web', 'same');
    const closed = await a.closed;
    expect(closed).toEqual({ code: 4003, reason: 'replaced' });
    expect(a.eventsOf('kicked')).toHaveLength(0);
    expect(b.eventsOf('kicked')).toHaveLength(0);
    expect((await b.ok('ping')).t).toBeGreaterThan(0);
    expect((await a2.ok('ping')).t).toBeGreaterThan(0);
    b.close();
    a2.close();
  });

  it('a kicked session gets no more pushes; the new one does', async () => {
    const app = await s.createApp({ org: 'kick', name: 'push', settings: { multiDevice: 'single' } });
    await s.createUsers(['ann', 'ben'], app.appKey);
    const old = await RawClient.login(s.wsUrl, app.appKey, await s.tokenFor('ann', app.appKey), { deviceId: 'o' });
    const now = await RawClient.login(s.wsUrl, app.appKey, await s.tokenFor('ann', app.appKey), { deviceId: 'n' });
    await old.closed;
    const ben = await RawClient.login(s.wsUrl, app.appKey, await s.tokenFor('ben', app.appKey));
    await ben.ok('msg.send', { msg: { type: 'txt', chat: 'single', to: 'ann', cid: 'b1', body: { text: 'hi' } } });
    expect((await now.event('msg')).body.text).toBe('hi');
    expect(old.eventsOf('msg')).toHaveLength(0);
    now.close();
    ben.close();
  });
});
