/**
 * The pre-send callback (allow, reject, rewrite, timeout fallback both ways, no second call for a
 * retried send) and the built-in sensitive-word filter (replace, reject), against a real receiver.
 */
import SDK from '@pigeon/sdk';
import { verifyWebhook, type AppSettingsInput } from '@pigeon/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawClient, txt as rawTxt } from '../../packages/server/test/helpers/ws-client.js';
import { startEnv, type TestEnv } from '../helpers/env.js';
import { adminToken, rest, userToken } from '../helpers/rest.js';
import { waitFor } from '../helpers/wait.js';
import { startReceiver, type Receiver } from '../helpers/webhook-receiver.js';

let env: TestEnv;
let admin: string;
let r: Receiver;
const base = '/pigeon/demo';
const appKey = () => env.srv.defaultApp!.appKey;

const set = (s: AppSettingsInput) => env.srv.updateAppSettings(appKey(), s);
const preSend = (w: AppSettingsInput['webhooks'] = {}) =>
  set({
    webhooks: {
      urls: [r.url],
      secret: 'pre',
      events: ['push.offline'],
      preSend: true,
      deadlineMs: 2000,
      timeoutFallback: 'allow',
      ...w,
    },
  });
const txt = (to: string, msg: string, ext?: Record<string, string>) =>
  SDK.message.create({ type: 'txt', chatType: 'singleChat', to, msg, ...(ext && { ext }) });

beforeAll(async () => {
  env = await startEnv({ webhooks: { pollMs: 20, backoffBaseMs: 20, backoffMaxMs: 100, timeoutMs: 2000 } });
  await env.users('amy', 'bob');
  admin = await adminToken(env.srv);
  r = await startReceiver();
});
afterAll(async () => {
  await env.close();
  await r.close();
});

describe('pre-send callback', () => {
  it('asks before storing, signed; allow delivers the message unchanged', async () => {
    await preSend();
    r.answer = () => ({ body: { action: 'allow' } });
    const [amy, bob] = [await env.login('amy'), await env.login('bob')];
    await amy.conn.send(txt('bob', 'may I?'));
    await waitFor(() => bob.inbox.texts().includes('may I?'), 'delivery');
    const ask = r.of('message.presend').find((x) => x.body.data.body.text === 'may I?')!;
    expect(ask.body.data).toMatchObject({ from: 'amy', to: 'bob', chat: 'single', type: 'txt' });
    const sig = {
      signature: ask.headers['x-pigeon-signature'] as string,
      timestamp: ask.headers['x-pigeon-timestamp'] as string,
    };
    expect(verifyWebhook({ secret: 'pre', body: ask.raw, ...sig })).toBe(true);
    await Promise.all([amy.conn.close(), bob.conn.close()]);
  });

  it('reject: the sender gets MESSAGE_REJECTED with the reason, nothing is stored or delivered', async () => {
    await preSend();
    r.answer = (x) =>
      x.body.data.body.text.includes('buy')
        ? { body: { action: 'reject', reason: 'no ads' } }
        : { body: { action: 'allow' } };
    const [amy, bob] = [await env.login('amy'), await env.login('bob')];
    await expect(amy.conn.send(txt('bob', 'buy now'))).rejects.toMatchObject({
      type: 'MESSAGE_REJECTED',
      code: 3030,
      details: { reason: 'no ads' },
    });
    await amy.conn.send(txt('bob', 'after the ad'));
    await waitFor(() => bob.inbox.texts().includes('after the ad'), 'the next message');
    expect(bob.inbox.texts()).not.toContain('buy now');
    const history = await rest(env.srv, 'GET', `${base}/messages/history?conv=s:amy:bob&limit=100`, { token: admin });
    expect(JSON.stringify(history.body)).not.toContain('buy now');
    await Promise.all([amy.conn.close(), bob.conn.close()]);
  });

  it('rewrite: body and ext are replaced before commit; an invalid rewrite keeps the original', async () => {
    await preSend();
    r.answer = (x) =>
      x.body.data.body.text === 'rough words'
        ? { body: { action: 'rewrite', body: { text: 'kind words' }, ext: { edited: true } } }
        : x.body.data.body.text === 'bad rewrite'
          ? { body: { action: 'rewrite', body: { text: 42 } } }
          : { body: { action: 'allow' } };
    const [amy, bob] = [await env.login('amy'), await env.login('bob')];
    await amy.conn.send(txt('bob', 'rough words'));
    await amy.conn.send(txt('bob', 'bad rewrite'));
    await waitFor(() => bob.inbox.texts().includes('bad rewrite'), 'both messages');
    expect(bob.inbox.texts()).toContain('kind words');
    expect(bob.inbox.texts()).not.toContain('rough words');
    const kind = bob.inbox.of('onTextMessage').find((m) => (m as { msg: string }).msg === 'kind words');
    expect(kind).toMatchObject({ ext: { edited: true } });
    await Promise.all([amy.conn.close(), bob.conn.close()]);
  });

  it('timeout: fallback allow stores the message, fallback reject refuses it', async () => {
    r.answer = () => ({ delayMs: 1500, body: { action: 'reject', reason: 'too late' } });
    const [amy, bob] = [await env.login('amy'), await env.login('bob')];
    await preSend({ deadlineMs: 100, timeoutFallback: 'allow' });
    await amy.conn.send(txt('bob', 'slow but allowed'));
    await waitFor(() => bob.inbox.texts().includes('slow but allowed'), 'fallback allow');
    await preSend({ deadlineMs: 100, timeoutFallback: 'reject' });
    await expect(amy.conn.send(txt('bob', 'slow and refused'))).rejects.toMatchObject({
      type: 'MESSAGE_REJECTED',
      details: { reason: 'callback_failed', fallback: true },
    });
    r.answer = () => ({ status: 500 });
    await expect(amy.conn.send(txt('bob', 'receiver broken'))).rejects.toMatchObject({ type: 'MESSAGE_REJECTED' });
    await Promise.all([amy.conn.close(), bob.conn.close()]);
    expect(bob.inbox.texts()).not.toContain('slow and refused');
  });

  it('a retried send of a committed message gets the same ack without a second callback', async () => {
    await preSend();
    r.answer = () => ({ body: { action: 'allow' } });
    const c = await RawClient.login(env.srv.wsUrl, appKey(), await userToken(env.srv, 'amy'));
    const frame = rawTxt('bob', 'only once', 'retry-cid-1');
    const first = await c.ok('msg.send', frame);
    const second = await c.ok('msg.send', frame);
    expect(second).toEqual(first);
    expect(r.of('message.presend').filter((x) => x.body.data.cid === 'retry-cid-1')).toHaveLength(1);
    c.close();
  });

  it("does not screen the app's own REST sends", async () => {
    await preSend();
    r.answer = () => ({ body: { action: 'reject', reason: 'nothing passes' } });
    const before = r.of('message.presend').length;
    const res = await rest(env.srv, 'POST', `${base}/messages/users`, {
      token: admin,
      body: { from: 'admin', to: ['bob'], type: 'txt', body: { msg: 'system notice' } },
    });
    expect(res.status).toBe(200);
    expect(r.of('message.presend')).toHaveLength(before);
  });
});

describe('sensitive words', () => {
  it('are managed over REST with typed errors for bad input', async () => {
    await set({ webhooks: { preSend: false, urls: [] } });
    const w = (method: string, body?: unknown, token = admin) =>
      rest(env.srv, method, `${base}/moderation/words`, { token, body });
    expect((await w('PUT', { words: ['Spam', ' scam ', 'spam', '诈骗'] })).body.data.words).toEqual([
      'Spam',
      'scam',
      '诈骗',
    ]);
    expect((await w('POST', { words: ['fraud', 'SCAM'] })).body.data.words).toEqual(['Spam', 'scam', '诈骗', 'fraud']);
    expect((await w('DELETE', { words: ['FRAUD'] })).body.data.words).toEqual(['Spam', 'scam', '诈骗']);
    expect((await w('GET')).body.data.words).toEqual(['Spam', 'scam', '诈骗']);
    expect(await w('POST', { words: ['ok', ''] })).toMatchObject({
      status: 400,
      body: { name: 'BAD_REQUEST', details: { path: '/words/1' } },
    });
    expect(await w('POST', { words: 'spam' })).toMatchObject({ status: 400, body: { name: 'BAD_REQUEST' } });
    expect(await w('GET', undefined, await userToken(env.srv, 'amy'))).toMatchObject({
      status: 403,
      body: { name: 'FORBIDDEN' },
    });
  });

  it('replace: words in text bodies and chosen ext fields become ***', async () => {
    await set({ moderation: { action: 'replace', extFields: ['title'] } });
    const [amy, bob] = [await env.login('amy'), await env.login('bob')];
    await amy.conn.send(txt('bob', 'This is SPAM and a 诈骗 link', { title: 'scam alert', other: 'scam kept' }));
    type Got = { msg: string; ext: Record<string, string> };
    const got = await waitFor(
      () => (bob.inbox.of('onTextMessage') as Got[]).find((m) => m.msg.endsWith('link')),
      'masked',
    );
    expect(got.msg).toBe('This is *** and a *** link');
    expect(got.ext).toMatchObject({ title: '*** alert', other: 'scam kept' });
    await Promise.all([amy.conn.close(), bob.conn.close()]);
  });

  it('reject: the sender gets SENSITIVE_CONTENT naming the words, nothing is delivered', async () => {
    await set({ moderation: { action: 'reject', extFields: [] } });
    const [amy, bob] = [await env.login('amy'), await env.login('bob')];
    await expect(amy.conn.send(txt('bob', 'pure scam'))).rejects.toMatchObject({
      type: 'SENSITIVE_CONTENT',
      code: 3031,
      details: { words: ['scam'] },
    });
    await amy.conn.send(txt('bob', 'clean'));
    await waitFor(() => bob.inbox.texts().includes('clean'), 'clean message');
    expect(bob.inbox.texts()).not.toContain('pure scam');
    await set({ moderation: { action: 'off' } });
    await Promise.all([amy.conn.close(), bob.conn.close()]);
  });
});
