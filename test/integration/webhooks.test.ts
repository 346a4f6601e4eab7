/**
 * Post-event webhooks against a real local HTTP receiver: signed, retried with backoff when the
 * receiver fails, dead letters after maxAttempts, retried or dropped over REST.
 */
import SDK from '@pigeon/sdk';
import { verifyWebhook, type AppSettingsInput } from '@pigeon/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEnv, type TestEnv } from '../helpers/env.js';
import { adminToken, rest, userToken } from '../helpers/rest.js';
import { waitFor } from '../helpers/wait.js';
import { startReceiver, type Receiver } from '../helpers/webhook-receiver.js';

const FAST = { pollMs: 20, backoffBaseMs: 20, backoffMaxMs: 200, timeoutMs: 2000 };
const SECRET = 'whsec-test';

let env: TestEnv;
let admin: string;
const receivers: Receiver[] = [];
const base = '/pigeon/demo';

async function receiverFor(settings: AppSettingsInput['webhooks'] = {}): Promise<Receiver> {
  const r = await startReceiver();
  receivers.push(r);
  await env.srv.updateAppSettings(env.srv.defaultApp!.appKey, {
    webhooks: { urls: [r.url], secret: SECRET, events: ['*'], preSend: false, maxAttempts: 8, ...settings },
  });
  return r;
}

const txt = (to: string, msg: string) => SDK.message.create({ type: 'txt', chatType: 'singleChat', to, msg });
const sentWith = (r: Receiver, text: string) => r.of('message.sent').filter((x) => x.body.data.body.text === text);

beforeAll(async () => {
  env = await startEnv({ webhooks: FAST });
  await env.users('amy', 'bob', 'cat');
  admin = await adminToken(env.srv);
});
afterAll(async () => {
  await env.close();
  await Promise.all(receivers.map((r) => r.close()));
});

describe('post events', () => {
  it('retries with the same event id until the receiver accepts, each attempt signed', async () => {
    const r = await receiverFor({ events: ['message.sent'] });
    r.answer = (_req, n) => ({ status: n <= 2 ? 500 : 200 });
    const amy = await env.login('amy');
    const ack = await amy.conn.send(txt('bob', 'hello hooks'));
    const got = await waitFor(
      () => (sentWith(r, 'hello hooks').length === 3 ? sentWith(r, 'hello hooks') : undefined),
      '3 attempts',
    );
    const ids = new Set(got.map((g) => g.headers['x-pigeon-event-id']));
    expect(ids.size).toBe(1);
    expect(got[0]!.body).toMatchObject({
      id: [...ids][0],
      type: 'message.sent',
      appKey: 'pigeon#demo',
      data: { from: 'amy', to: 'bob', chat: 'single', type: 'txt', id: ack.serverMsgId, seq: 1 },
    });
    for (const g of got) {
      const check = {
        body: g.raw,
        signature: g.headers['x-pigeon-signature'] as string,
        timestamp: g.headers['x-pigeon-timestamp'] as string,
      };
      expect(verifyWebhook({ secret: SECRET, ...check })).toBe(true);
      expect(verifyWebhook({ secret: 'wrong', ...check })).toBe(false);
      expect(verifyWebhook({ secret: SECRET, ...check, body: g.raw.replace('hello', 'HELLO') })).toBe(false);
      expect(verifyWebhook({ secret: SECRET, ...check, nowSeconds: Number(check.timestamp) + 3600 })).toBe(false);
    }
    await waitFor(
      async () => (await env.srv.core.webhooks.deadLetters.counts(await app())).pending === 0,
      'outbox drained',
    );
    await amy.conn.close();
  });

  it('signs with the client secret when no webhook secret is set, and sends only subscribed types', async () => {
    const r = await receiverFor({
      secret: '',
      events: ['user.online', 'user.offline', 'group.changed', 'contact.changed'],
    });
    const cat = await env.login('cat');
    const online = await waitFor(() => r.of('user.online').find((x) => x.body.data.user === 'cat'), 'user.online');
    const a = await app();
    expect(
      verifyWebhook({
        secret: a.clientSecret,
        body: online.raw,
        signature: online.headers['x-pigeon-signature'] as string,
        timestamp: online.headers['x-pigeon-timestamp'] as string,
      }),
    ).toBe(true);
    const groupid = (await cat.conn.createGroup({ data: { groupname: 'hooks', members: ['bob'] } })).data.groupid;
    const created = await waitFor(
      () => r.of('group.changed').find((x) => x.body.data.id === groupid && x.body.data.op === 'create'),
      'group create',
    );
    expect(created.body.data).toMatchObject({ from: 'cat', name: 'hooks' });
    await env.srv.addFriendship('pigeon#demo', 'cat', 'amy');
    await waitFor(
      () => r.of('contact.changed').find((x) => x.body.data.user === 'amy' && x.body.data.from === 'cat'),
      'contact.changed',
    );
    await cat.conn.close();
    await waitFor(() => r.of('user.offline').find((x) => x.body.data.user === 'cat'), 'user.offline');
    expect(r.of('message.sent')).toEqual([]);
  });
});

describe('dead letters', () => {
  it('become dead after maxAttempts; REST lists, retries and drops them', async () => {
    const r = await receiverFor({ events: ['message.sent'], maxAttempts: 3 });
    r.answer = () => ({ status: 503, body: { down: true } });
    const amy = await env.login('amy');
    await amy.conn.send(txt('bob', 'doomed 1'));
    await amy.conn.send(txt('bob', 'doomed 2'));
    const list = async () => (await rest(env.srv, 'GET', `${base}/webhooks/dead_letters`, { token: admin })).body;
    const dead = await waitFor(async () => {
      const b = await list();
      return b.entities.length === 2 && b;
    }, 'two dead letters');
    expect(sentWith(r, 'doomed 1')).toHaveLength(3);
    expect(dead.entities[0]).toMatchObject({
      type: 'message.sent',
      url: r.url,
      attempts: 3,
      lastError: expect.stringContaining('HTTP 503'),
    });
    expect(dead.pending).toBe(0);
    expect(dead.dead).toBe(2);

    r.answer = () => ({ status: 204 });
    const one = dead.entities.find(
      (e: { payload: { data: { body: { text: string } } } }) => e.payload.data.body.text === 'doomed 1',
    );
    const two = dead.entities.find(
      (e: { payload: { data: { body: { text: string } } } }) => e.payload.data.body.text === 'doomed 2',
    );
    const retried = await rest(env.srv, 'POST', `${base}/webhooks/dead_letters/${one.id}/retry`, { token: admin });
    expect(retried.status).toBe(200);
    await waitFor(() => sentWith(r, 'doomed 1').length === 4, 'redelivery');
    expect(sentWith(r, 'doomed 1')[3]!.headers['x-pigeon-event-id']).toBe(one.eventId);
    expect((await rest(env.srv, 'DELETE', `${base}/webhooks/dead_letters/${two.id}`, { token: admin })).status).toBe(
      200,
    );
    await waitFor(
      async () => (await list()).entities.length === 0 && (await list()).pending === 0,
      'no dead letters left',
    );
    expect(sentWith(r, 'doomed 2')).toHaveLength(3);
    await amy.conn.close();
  });

  it('refuses unknown ids, user tokens and bad queries with typed errors', async () => {
    const again = await rest(env.srv, 'POST', `${base}/webhooks/dead_letters/nope/retry`, { token: admin });
    expect(again).toMatchObject({ status: 404, body: { code: 4006, name: 'NOT_FOUND' } });
    const drop = await rest(env.srv, 'DELETE', `${base}/webhooks/dead_letters/nope`, { token: admin });
    expect(drop).toMatchObject({ status: 404, body: { name: 'NOT_FOUND' } });
    const user = await rest(env.srv, 'GET', `${base}/webhooks/dead_letters`, {
      token: await userToken(env.srv, 'amy'),
    });
    expect(user).toMatchObject({ status: 403, body: { name: 'FORBIDDEN' } });
    const anon = await rest(env.srv, 'GET', `${base}/webhooks/dead_letters`);
    expect(anon).toMatchObject({ status: 401, body: { name: 'NOT_AUTHENTICATED' } });
    const bad = await rest(env.srv, 'GET', `${base}/webhooks/dead_letters?limit=0`, { token: admin });
    expect(bad).toMatchObject({ status: 400, body: { name: 'BAD_REQUEST' } });
  });
});

describe('settings', () => {
  it('are read and changed over REST, with typed errors for bad values', async () => {
    const put = await rest(env.srv, 'PUT', `${base}/webhooks/settings`, {
      token: admin,
      body: { webhooks: { urls: ['https://example.com/hook'], events: ['message.sent'], deadlineMs: 500 } },
    });
    expect(put.status).toBe(200);
    expect(put.body.data.webhooks).toMatchObject({
      urls: ['https://example.com/hook'],
      deadlineMs: 500,
      timeoutFallback: 'allow',
    });
    const get = await rest(env.srv, 'GET', `${base}/webhooks/settings`, { token: admin });
    expect(get.body.data.moderation).toMatchObject({ action: 'off', wordCount: 0 });
    for (const [body, path] of [
      [{ webhooks: { urls: ['ftp://x'] } }, '/webhooks/urls/0'],
      [{ webhooks: { events: ['message.eaten'] } }, '/webhooks/events'],
      [{ webhooks: { timeoutFallback: 'maybe' } }, '/webhooks/timeoutFallback'],
      [{ webhooks: { deadlineMs: 5 } }, '/webhooks/deadlineMs'],
      [{ webhooks: { maxAttempts: 0 } }, '/webhooks/maxAttempts'],
      [{ webhooks: 'yes' }, '/webhooks'],
      [{ moderation: { action: 'shout' } }, '/moderation/action'],
      [{ push: { enabled: 'yes' } }, '/push/enabled'],
    ] as const) {
      const r = await rest(env.srv, 'PUT', `${base}/webhooks/settings`, { token: admin, body });
      expect(r, JSON.stringify(body)).toMatchObject({ status: 400, body: { name: 'BAD_REQUEST', details: { path } } });
    }
  });
});

const app = () => env.srv.core.apps.get(env.srv.defaultApp!.appKey);
