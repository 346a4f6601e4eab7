import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';
import { RawClient } from './helpers/ws-client.js';

describe('REST admin send', () => {
  let s: TestServer;
  let admin: string;
  beforeAll(async () => {
    s = await startTestServer();
    await s.createUsers(['alice', 'bob', 'carol']);
    admin = await s.adminToken();
  });
  afterAll(() => s.close());

  it('an Easemob-shaped send reaches online recipients over the same path as WebSocket sends', async () => {
    const bob = await RawClient.login(s.wsUrl, 'pigeon#demo', await s.tokenFor('bob'));
    const alice = await RawClient.login(s.wsUrl, 'pigeon#demo', await s.tokenFor('alice'));
    const r = await s.rest('POST', '/pigeon/demo/messages/users', {
      token: admin,
      body: {
        from: 'alice',
        to: ['bob', 'carol'],
        type: 'txt',
        body: { msg: 'hello from the backend' },
        ext: { source: 'crm' },
      },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      action: 'post',
      path: '/messages/users',
      data: { bob: expect.stringMatching(/^\d+$/), carol: expect.any(String) },
    });
    const pushed = await bob.event('msg');
    expect(pushed).toMatchObject({
      id: r.body.data.bob,
      from: 'alice',
      to: 'bob',
      type: 'txt',
      body: { text: 'hello from the backend' },
      ext: { source: 'crm' },
      seq: 1,
    });
    // The sender's own devices see it too (no connection sent it).
    expect((await alice.event('msg')).id).toBe(r.body.data.bob);
    const unread = (await bob.ok('conv.list', {})).convs[0];
    expect(unread).toMatchObject({ peer: 'alice', unread: 1 });
    bob.close();
    alice.close();
  });

  it('without `from` the sender is "admin"; Easemob media and custom bodies are mapped', async () => {
    const bob = await RawClient.login(s.wsUrl, 'pigeon#demo', await s.tokenFor('bob'));
    await s.rest('POST', '/pigeon/demo/messages/users', {
      token: admin,
      body: {
        to: ['bob'],
        type: 'img',
        body: { url: 'https://x/i.png', filename: 'i.png', size: { width: 10, height: 20 } },
      },
    });
    expect(await bob.event('msg')).toMatchObject({
      from: 'admin',
      type: 'img',
      body: { url: 'https://x/i.png', name: 'i.png', width: 10, height: 20 },
    });
    await s.rest('POST', '/pigeon/demo/messages/users', {
      token: admin,
      body: { to: ['bob'], type: 'custom', body: { customEvent: 'gift', customExts: { n: '1' } } },
    });
    expect(await bob.event('msg', 2)).toMatchObject({ type: 'custom', body: { event: 'gift', fields: { n: '1' } } });
    await s.rest('POST', '/pigeon/demo/messages/users', {
      token: admin,
      body: { to: ['bob'], type: 'loc', body: { lat: '39.9', lng: '116.3', addr: 'x' } },
    });
    expect(await bob.event('msg', 3)).toMatchObject({ type: 'loc', body: { lat: 39.9, lng: 116.3 } });
    bob.close();
  });

  it('an unknown recipient gets USER_NOT_FOUND and nothing is sent; a bad body BAD_REQUEST with its path', async () => {
    const r = await s.rest('POST', '/pigeon/demo/messages/users', {
      token: admin,
      body: { to: ['bob', 'ghost'], type: 'txt', body: { msg: 'x' } },
    });
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ name: 'USER_NOT_FOUND', details: { users: ['ghost'] } });
    const bad = await s.rest('POST', '/pigeon/demo/messages/users', {
      token: admin,
      body: { to: ['bob'], type: 'txt', body: { msg: 5 } },
    });
    expect(bad.body).toMatchObject({ name: 'BAD_REQUEST', details: { path: '/body/text' } });
    const noTo = await s.rest('POST', '/pigeon/demo/messages/users', {
      token: admin,
      body: { type: 'txt', body: { msg: 'x' } },
    });
    expect(noTo.body).toMatchObject({ name: 'BAD_REQUEST', details: { path: '/to' } });
    const user = await s.rest('POST', '/pigeon/demo/messages/users', {
      token: await s.tokenFor('alice'),
      body: { to: ['bob'], type: 'txt', body: { msg: 'x' } },
    });
    expect(user.body.name).toBe('FORBIDDEN');
  });

  it('admin recall (msg_recall) empties the message and tells both sides; late recalls need force', async () => {
    const bob = await RawClient.login(s.wsUrl, 'pigeon#demo', await s.tokenFor('bob'));
    const sent = await s.rest('POST', '/pigeon/demo/messages/users', {
      token: admin,
      body: { from: 'carol', to: ['bob'], type: 'txt', body: { msg: 'regret' } },
    });
    const id = sent.body.data.bob as string;
    const r = await s.rest('POST', '/pigeon/demo/messages/msg_recall', {
      token: admin,
      body: { msg_id: id, from: 'carol', to: 'bob', chat_type: 'chat' },
    });
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual({ recalled: 'yes', chattype: 'chat', from: 'carol', to: 'bob', msg_id: id });
    expect(await bob.event('recall')).toEqual({ conv: 's:bob:carol', id, by: 'admin' });
    const page = await bob.ok('msg.history', { conv: 's:bob:carol', limit: 1 });
    expect(page.msgs[0]).toMatchObject({ id, recalled: true, body: {} });
    const missing = await s.rest('POST', '/pigeon/demo/messages/msg_recall', {
      token: admin,
      body: { msg_id: '42', from: 'carol', to: 'bob' },
    });
    expect(missing.body.name).toBe('MESSAGE_NOT_FOUND');
    await s.updateAppSettings('pigeon#demo', { recallWindowSeconds: 0 });
    try {
      const old = await s.rest('POST', '/pigeon/demo/messages/users', {
        token: admin,
        body: { from: 'carol', to: ['bob'], type: 'txt', body: { msg: 'old' } },
      });
      await new Promise((res) => setTimeout(res, 20));
      const late = await s.rest('POST', '/pigeon/demo/messages/msg_recall', {
        token: admin,
        body: { msg_id: old.body.data.bob, from: 'carol', to: 'bob' },
      });
      expect(late.body.name).toBe('RECALL_WINDOW_PASSED');
      const forced = await s.rest('POST', '/pigeon/demo/messages/msg_recall', {
        token: admin,
        body: { msg_id: old.body.data.bob, from: 'carol', to: 'bob', force: true },
      });
      expect(forced.status).toBe(200);
    } finally {
      await s.updateAppSettings('pigeon#demo', { recallWindowSeconds: 120 });
    }
    bob.close();
  });
});
