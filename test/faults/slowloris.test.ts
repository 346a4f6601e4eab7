/**
 * Slowloris and half-open connections: hundreds of raw sockets that open and send nothing, dribble
 * request headers (plain or a WebSocket upgrade) a byte at a time, dribble a request body, or finish
 * the upgrade and never authenticate. The server closes every one of them by its header, request
 * and auth deadlines, while two SDK clients keep chatting; a second wave leaves memory where the
 * first did.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import SDK from '@pigeon/sdk';
import { heapAfterGc, mb } from '../helpers/heap.js';
import { startEnv, type TestEnv } from '../helpers/env.js';
import { waitFor } from '../helpers/wait.js';

const PER_KIND = 40;
const DRIP_MS = 100;

let env: TestEnv;
beforeAll(async () => {
  env = await startEnv({
    http: { headersTimeoutMs: 1_000, requestTimeoutMs: 2_000, keepAliveTimeoutMs: 1_000 },
    limits: { authTimeoutMs: 1_000 },
  });
  await env.users('talker', 'listener');
});
afterAll(() => env.close());

interface Probe {
  kind: string;
  closed: boolean;
  /** What the server said before closing (an HTTP status line or a WebSocket close code), if anything. */
  said: string;
}

function rawSocket(kind: string, first: string, drip: string | undefined): Probe {
  const p: Probe = { kind, closed: false, said: '' };
  const s: Socket = connect(Number(new URL(env.srv.httpUrl).port), '127.0.0.1');
  let timer: ReturnType<typeof setInterval> | undefined;
  s.on('connect', () => {
    if (first) s.write(first);
    let i = 0;
    if (drip) timer = setInterval(() => s.writable && s.write(drip[i++ % drip.length]!), DRIP_MS);
  });
  s.on('data', (b) => (p.said ||= b.toString().split('\r\n')[0]!));
  s.on('error', () => undefined);
  s.on('close', () => {
    clearInterval(timer);
    p.closed = true;
  });
  return p;
}

function unauthenticatedWs(): Probe {
  const p: Probe = { kind: 'websocket, no auth frame', closed: false, said: '' };
  const ws = new WebSocket(env.srv.wsUrl);
  ws.on('error', () => undefined);
  ws.on('close', (code) => {
    p.said = String(code);
    p.closed = true;
  });
  return p;
}

function wave(): Probe[] {
  const probes: Probe[] = [];
  const upgrade = 'GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n';
  const fullUpgrade = `${upgrade}Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`;
  for (let i = 0; i < PER_KIND; i++) {
    probes.push(rawSocket('silent', '', undefined));
    probes.push(rawSocket('headers a byte at a time', 'GET /health HTTP/1.1\r\nHost: x\r\n', 'X-Slow: y\r\n'));
    probes.push(rawSocket('upgrade headers a byte at a time', upgrade, 'X-Slow: y\r\n'));
    probes.push(
      rawSocket(
        'body a byte at a time',
        'POST /pigeon/demo/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"username":"',
        'a',
      ),
    );
    probes.push(rawSocket('upgrade done, nothing after', fullUpgrade, undefined));
    probes.push(unauthenticatedWs());
  }
  return probes;
}

async function chatMeanwhile(open: () => number) {
  const { conn: talker } = await env.login('talker');
  const { conn: listener, inbox } = await env.login('listener');
  const openAtStart = open();
  for (let i = 0; i < 20; i++)
    await talker.send(SDK.message.create({ type: 'txt', chatType: 'singleChat', to: 'listener', msg: `m${i}` }));
  await waitFor(() => inbox.texts().length === 20, 'the listener to get 20 messages');
  expect(inbox.texts()).toEqual(Array.from({ length: 20 }, (_, i) => `m${i}`));
  await Promise.all([talker.close(), listener.close()]);
  return openAtStart;
}

function summary(probes: Probe[]): Record<string, string[]> {
  const out: Record<string, Set<string>> = {};
  for (const p of probes) (out[p.kind] ??= new Set()).add(p.said || '(closed silently)');
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, [...v].sort()]));
}

describe('slowloris and half-open connections', () => {
  it('every slow or silent socket is closed by its deadline; other clients chat meanwhile', async () => {
    const probes = wave();
    const openAtStart = await chatMeanwhile(() => probes.filter((p) => !p.closed).length);
    await waitFor(() => probes.every((p) => p.closed), 'the server to close every slow socket', 60_000);
    const said = summary(probes);
    console.log(`slowloris: ${probes.length} sockets (${openAtStart} open while chatting)`, said);
    expect(openAtStart).toBeGreaterThan(0);
    for (const kind of [
      'silent',
      'headers a byte at a time',
      'upgrade headers a byte at a time',
      'body a byte at a time',
    ])
      expect(said[kind], kind).toEqual(['HTTP/1.1 408 Request Timeout']);
    expect(said['websocket, no auth frame']).toEqual(['4002']);
    expect(said['upgrade done, nothing after']).toEqual(['HTTP/1.1 101 Switching Protocols']);
    await waitFor(() => env.srv.stats().connections === 0, 'no WebSocket connection left on the server');
  });

  it('a request line and headers over 16 KB get a typed 431 (BAD_REQUEST), not the HTTP parser own body', async () => {
    const res = await fetch(`${env.srv.httpUrl}/health?x=${'a'.repeat(20_000)}`);
    expect(res.status).toBe(431);
    expect(await res.json()).toMatchObject({ name: 'BAD_REQUEST', code: 1003, error: 'illegal_argument' });
  });

  it('a second wave leaves memory where the first left it', async () => {
    const first = wave();
    await waitFor(() => first.every((p) => p.closed), 'wave 1 closed', 60_000);
    const afterFirst = heapAfterGc();
    const second = wave();
    await waitFor(() => second.every((p) => p.closed), 'wave 2 closed', 60_000);
    const afterSecond = heapAfterGc();
    console.log(`slowloris heap: after wave 1 ${mb(afterFirst)} MB, after wave 2 ${mb(afterSecond)} MB`);
    expect(afterSecond - afterFirst).toBeLessThan(16 * 1024 * 1024);
    expect(env.srv.stats().connections).toBe(0);
  });
});
