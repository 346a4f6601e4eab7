/**
 * The webhook HTTP client: node:http(s) with a DNS lookup that refuses addresses the policy forbids
 * (checked on the address actually connected to, so DNS rebinding cannot get round it), no redirects
 * followed, a hard timeout per call, answers read up to 1 MiB.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { WebhookRequest, WebhookResponse, WebhookTransport } from '../core/ports/webhooks.js';
import { addressRefusal, type PrivateAddresses } from './address-policy.js';

/** Receivers' answers are read up to this size (pre-send rewrites included). */
const MAX_ANSWER_CHARS = 1024 * 1024;

export function httpTransport(o: { privateAddresses: PrivateAddresses }): WebhookTransport {
  const lookup = guardedLookup(o.privateAddresses);
  return {
    post(req) {
      const host = new URL(req.url).hostname.replace(/^\[|\]$/g, '');
      const refused = isIP(host) ? addressRefusal(host, o.privateAddresses) : null;
      return refused ? Promise.reject(new Error(refused)) : postOnce(req, lookup);
    },
  };
}

function guardedLookup(policy: PrivateAddresses): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      const refused = addresses.map((a) => addressRefusal(a.address, policy)).find((r) => r !== null);
      if (refused) return callback(Object.assign(new Error(`${hostname}: ${refused}`), { code: 'EREFUSED' }), '', 0);
      if (options.all) return (callback as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}

function postOnce(r: WebhookRequest, lookup: LookupFunction): Promise<WebhookResponse> {
  const url = new URL(r.url);
  const client = url.protocol === 'https:' ? https : http;
  const headers = { 'user-agent': 'Pigeon-Webhooks/1', 'content-length': Buffer.byteLength(r.body), ...r.headers };
  return new Promise((resolve, reject) => {
    const req = client.request(url, { method: 'POST', headers, lookup, signal: AbortSignal.timeout(r.timeoutMs) });
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        if (text.length < MAX_ANSWER_CHARS) return;
        resolve({ status: res.statusCode ?? 0, text: text.slice(0, MAX_ANSWER_CHARS) });
        res.destroy();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', reject);
    });
    req.end(r.body);
  });
}
