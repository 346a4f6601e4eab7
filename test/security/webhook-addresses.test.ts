/**
 * Webhook targets (SSRF): link-local and unspecified addresses (cloud metadata) are never called; with
 * `webhooks.privateAddresses: deny` loopback and private networks are refused too, also when a host
 * name resolves to them. A refused call fails like a network error: retried, then a dead letter whose
 * lastError says why. The receiver itself must see nothing.
 */
import SDK from '@pigeon/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { addressRefusal } from '../../packages/server/src/webhooks/address-policy.js';
import { startEnv, type TestEnv } from '../helpers/env.js';
import { adminToken, rest } from '../helpers/rest.js';
import { waitFor } from '../helpers/wait.js';
import { startReceiver, type Receiver } from '../helpers/webhook-receiver.js';

const FAST = { pollMs: 20, backoffBaseMs: 20, backoffMaxMs: 100, timeoutMs: 2000 };
let env: TestEnv | undefined;
let receiver: Receiver | undefined;
afterEach(async () => {
  await env?.close();
  await receiver?.close();
  env = receiver = undefined;
});

describe('address policy', () => {
  it('always refuses link-local and unspecified, private only when denied, mapped IPv6 as IPv4', () => {
    for (const ip of ['169.254.169.254', '0.0.0.0', '::', 'fe80::1', '::ffff:169.254.169.254'])
      expect(addressRefusal(ip, 'allow')).toMatch(/link-local or unspecified/);
    for (const ip of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '100.64.0.1', '::1', 'fd00::1'])
      expect([addressRefusal(ip, 'allow'), addressRefusal(ip, 'deny')]).toEqual([
        null,
        expect.stringMatching(/private/),
      ]);
    for (const ip of ['93.184.216.34', '2606:4700::1111', '172.32.0.1', '::ffff:8.8.8.8'])
      expect(addressRefusal(ip, 'deny')).toBeNull();
    expect(addressRefusal('not-an-ip', 'allow')).toMatch(/not an IP address/);
  });
});

async function deadLetterFor(url: string, privateAddresses: 'allow' | 'deny'): Promise<string> {
  env = await startEnv({ webhooks: { ...FAST, privateAddresses } });
  await env.users('amy', 'bob');
  await env.srv.updateAppSettings(env.srv.defaultApp!.appKey, {
    webhooks: { urls: [url], events: ['message.sent'], preSend: false, maxAttempts: 2 },
  });
  const amy = await env.login('amy');
  await amy.conn.send(SDK.message.create({ type: 'txt', chatType: 'singleChat', to: 'bob', msg: 'to a hook' }));
  await amy.conn.close();
  const admin = await adminToken(env.srv);
  const dead = await waitFor(async () => {
    const b = (await rest(env!.srv, 'GET', '/pigeon/demo/webhooks/dead_letters', { token: admin })).body;
    return b.entities?.length ? (b.entities[0].lastError as string) : undefined;
  }, 'a dead letter');
  return dead;
}

describe('webhook delivery', () => {
  it('never calls the cloud metadata address, whatever the policy', async () => {
    expect(await deadLetterFor('http://169.254.169.254/latest/meta-data', 'allow')).toMatch(/link-local/);
  });

  it('with privateAddresses deny, a loopback receiver (by IP or by a name resolving to it) is never called', async () => {
    receiver = await startReceiver();
    const port = new URL(receiver.url).port;
    expect(await deadLetterFor(`http://localhost:${port}/hook`, 'deny')).toMatch(/localhost: .*private/);
    await env!.close();
    expect(await deadLetterFor(`http://127.0.0.1:${port}/hook`, 'deny')).toMatch(/127\.0\.0\.1 is a loopback/);
    expect(receiver.of('message.sent')).toHaveLength(0);
  });

  it('with the default (allow), the same loopback receiver gets the event', async () => {
    receiver = await startReceiver();
    env = await startEnv({ webhooks: FAST });
    await env.users('amy', 'bob');
    await env.srv.updateAppSettings(env.srv.defaultApp!.appKey, {
      webhooks: { urls: [receiver.url], events: ['message.sent'], preSend: false },
    });
    const amy = await env.login('amy');
    await amy.conn.send(SDK.message.create({ type: 'txt', chatType: 'singleChat', to: 'bob', msg: 'allowed' }));
    await waitFor(() => receiver!.of('message.sent').length === 1, 'the event');
    await amy.conn.close();
  });

  it('refuses an unknown setting value at start', async () => {
    await expect(startEnv({ webhooks: { ...FAST, privateAddresses: 'maybe' as 'deny' } })).rejects.toThrow(
      /webhooks.privateAddresses "maybe" \(allow or deny\)/,
    );
  });
});
