/**
 * Every mini-program adapter against its simulated runtime (real sockets and HTTP to a local echo
 * server): the platform's callback shapes in, the neutral PlatformAdapter contract out.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformAdapter, SocketHandlers } from '../../src/core/platform.js';
import { alipayAdapter } from '../../src/platforms/alipay.js';
import { baiduAdapter } from '../../src/platforms/baidu.js';
import { bytedanceAdapter } from '../../src/platforms/bytedance.js';
import type { MpAdapter } from '../../src/platforms/mp/wx-like.js';
import { qqAdapter } from '../../src/platforms/qq.js';
import { uniappAdapter } from '../../src/platforms/uniapp.js';
import { wechatAdapter } from '../../src/platforms/wechat.js';
import { ALL_PLATFORMS, createSimPlatform, type MiniProgramPlatform, type SimPlatform } from '../runtimes/index.js';
import { pause, until } from '../runtimes/wait.js';
import { startEchoServer, type EchoServer } from './echo-server.js';

const factories: Record<MiniProgramPlatform, (api: never) => MpAdapter> = {
  wechat: wechatAdapter,
  qq: qqAdapter,
  alipay: alipayAdapter,
  'alipay-legacy': alipayAdapter,
  baidu: baiduAdapter,
  bytedance: bytedanceAdapter,
  uniapp: uniappAdapter,
};

const live: SimPlatform[] = [];
afterEach(() => live.splice(0).forEach((s) => s.runtime.destroy()));

function setup(p: MiniProgramPlatform, opts = {}): SimPlatform & { adapter: MpAdapter } {
  const sim = createSimPlatform(p, opts);
  live.push(sim);
  return { ...sim, adapter: factories[p](sim.api as never) };
}

function record() {
  const log = {
    opened: 0,
    messages: [] as Array<string | ArrayBuffer>,
    closes: [] as Array<[number, string]>,
    errors: [] as string[],
  };
  const handlers: SocketHandlers = {
    onOpen: () => void log.opened++,
    onMessage: (d) => void log.messages.push(d),
    onClose: (code, reason) => void log.closes.push([code, reason]),
    onError: (m) => void log.errors.push(m),
  };
  return { log, handlers };
}

let echo: EchoServer;
let file: string;
beforeAll(async () => {
  echo = await startEchoServer();
  file = join(mkdtempSync(join(tmpdir(), 'pigeon-mp-')), 'photo.jpg');
  writeFileSync(file, Buffer.alloc(40_000, 7));
});
afterAll(() => echo.close());

describe.each(ALL_PLATFORMS)('%s adapter', (platform) => {
  it('opens a socket, echoes text and binary frames, closes exactly once', async () => {
    const { adapter, runtime } = setup(platform);
    const { log, handlers } = record();
    const s = adapter.connect(echo.wsUrl, handlers);
    await until(() => log.opened, 'open');
    s.send('{"hello":1}');
    s.send(new Uint8Array([0, 1, 250, 255]).buffer);
    await until(() => log.messages.length === 2, 'two echoes');
    expect(log.messages[0]).toBe('{"hello":1}');
    expect(Object.prototype.toString.call(log.messages[1])).toBe('[object ArrayBuffer]');
    expect([...new Uint8Array(log.messages[1] as ArrayBuffer)]).toEqual([0, 1, 250, 255]);
    await s.close(1000, 'bye');
    expect(log.closes).toEqual([[1000, expect.any(String)]]);
    await until(() => echo.clients() === 0, 'server saw the close');
    await s.close();
    expect(log.closes).toHaveLength(1);
    runtime.destroy();
  });

  it('reports a close from the server', async () => {
    const { adapter, runtime } = setup(platform);
    const { log, handlers } = record();
    adapter.connect(echo.wsUrl, handlers);
    await until(() => log.opened && echo.clients() === 1, 'open');
    for (const ws of echo.sockets) ws.close(4003, 'kicked');
    await until(() => log.closes.length, 'close');
    // Alipay's old global onSocketClose carries no code; the others report the server's.
    expect(log.closes[0][0]).toBe(platform === 'alipay-legacy' ? 1006 : 4003);
    runtime.destroy();
  });

  it('requests JSON and text, and hands back HTTP errors with their body', async () => {
    const { adapter, runtime } = setup(platform);
    expect(await adapter.request({ url: `${echo.httpUrl}/json`, method: 'GET' })).toEqual({
      status: 200,
      data: { ok: true, method: 'GET' },
    });
    const posted = await adapter.request({ url: `${echo.httpUrl}/echo`, method: 'POST', body: { a: 1 } });
    expect(posted).toEqual({ status: 200, data: { type: 'application/json', body: '{"a":1}' } });
    expect(await adapter.request({ url: `${echo.httpUrl}/text`, method: 'GET' })).toEqual({
      status: 200,
      data: 'plain words',
    });
    expect(await adapter.request({ url: `${echo.httpUrl}/nope`, method: 'DELETE' })).toEqual({
      status: 404,
      data: { error: 'service_resource_not_found' },
    });
    runtime.dropNetwork();
    await expect(adapter.request({ url: `${echo.httpUrl}/json`, method: 'GET' })).rejects.toMatchObject({
      type: 'NETWORK',
    });
    runtime.destroy();
  });

  it('uploads a temp file with progress', async () => {
    const { adapter, runtime } = setup(platform);
    const progress: number[] = [];
    const up = (adapter as Required<PlatformAdapter>).upload({
      url: `${echo.httpUrl}/upload`,
      file,
      fileName: 'photo.jpg',
      fieldName: 'file',
      formData: { note: 'hi' },
      onProgress: (sent, total) => progress.push(sent / total),
    });
    const res = await up.done;
    expect(res.status).toBe(201);
    expect(res.data).toMatchObject({ field: 'file', form: 'hi' });
    await until(() => progress.at(-1) === 1, 'progress to 100%');
    expect(progress.length).toBeGreaterThan(1);
    runtime.destroy();
  });

  it('keeps its own storage', () => {
    const a = setup(platform).adapter.storage!;
    const b = setup(platform).adapter.storage!;
    expect(a.get('k')).toBeUndefined();
    a.set('k', 'v1');
    expect(a.get('k')).toBe('v1');
    expect(b.get('k')).toBeUndefined();
    a.remove('k');
    expect(a.get('k')).toBeUndefined();
  });

  it('reports network changes and app hide/show, and unsubscribes', async () => {
    const { adapter, runtime } = setup(platform);
    const seen: string[] = [];
    const offNet = adapter.onNetworkChange!((online) => seen.push(online ? 'online' : 'offline'));
    const offHide = adapter.onAppHide!(() => seen.push('hide'));
    const offShow = adapter.onAppShow!(() => seen.push('show'));
    const uni = platform === 'uniapp'; // native uni-app has no uni.onAppShow: App.vue reports it
    runtime.dropNetwork({ notify: true });
    await until(() => seen.includes('offline'), 'offline');
    runtime.restoreNetwork();
    await until(() => seen.includes('online'), 'online');
    runtime.hide();
    if (uni) adapter.visibility.hid();
    runtime.show();
    if (uni) adapter.visibility.shown();
    adapter.visibility.shown(); // a second show without a hide is not reported again
    expect(seen).toEqual(['offline', 'online', 'hide', 'show']);
    offNet();
    offHide();
    offShow();
    runtime.hide();
    runtime.show();
    runtime.dropNetwork({ notify: true });
    await pause(20);
    expect(seen).toHaveLength(4);
    runtime.destroy();
  });

  it('close() resolves even when the network died silently (no close callback ever comes)', async () => {
    const { adapter, runtime } = setup(platform);
    const { log, handlers } = record();
    const s = adapter.connect(echo.wsUrl, handlers);
    await until(() => log.opened, 'open');
    runtime.dropNetwork({ silent: true });
    await pause(50);
    expect(log.closes).toEqual([]);
    const t0 = Date.now();
    await s.close(1000, 'switch user');
    expect(Date.now() - t0).toBeLessThan(4000);
    expect(log.closes).toHaveLength(1);
    runtime.destroy();
  });
});

describe('platform socket rules in the simulated runtimes', () => {
  it('WeChat: the 6th socket fails; the adapter reports it as an error and one close', async () => {
    const { adapter, runtime } = setup('wechat');
    const recs = Array.from({ length: 6 }, () => record());
    recs.slice(0, 5).forEach((r) => adapter.connect(echo.wsUrl, r.handlers));
    await until(() => recs.slice(0, 5).every((r) => r.log.opened), 'five open');
    adapter.connect(echo.wsUrl, recs[5].handlers);
    await until(() => recs[5].log.closes.length, 'sixth closed');
    expect(recs[5].log.errors[0]).toMatch(/exceed max task count/);
    expect(recs[5].log.opened).toBe(0);
    expect(runtime.stats.refused).toBe(1);
    runtime.destroy();
  });

  it('Alipay (old base library): a new socket closes the old one', async () => {
    const { api, runtime } = setup('alipay-legacy');
    const my = api as { connectSocket(o: object): unknown; onSocketClose(cb: (r: unknown) => void): void };
    const closes: unknown[] = [];
    my.onSocketClose((r) => closes.push(r));
    expect(my.connectSocket({ url: echo.wsUrl })).toBeUndefined();
    await until(() => echo.clients() === 1, 'first open');
    my.connectSocket({ url: echo.wsUrl });
    await until(() => closes.length === 1, 'old closed');
    expect(runtime.liveSockets).toBe(1);
    runtime.destroy();
  });

  it('Alipay (old base library): a socket opened before the old one closed neither loses nor kills the new one', async () => {
    const { adapter, runtime } = setup('alipay-legacy');
    const a = record();
    const b = record();
    const sa = adapter.connect(echo.wsUrl, a.handlers);
    await until(() => a.log.opened, 'a open');
    const sb = adapter.connect(echo.wsUrl, b.handlers); // Alipay closes a; its close event comes later
    expect(a.log.closes).toEqual([[1000, 'replaced by a new socket']]);
    await sa.close(); // must not close b through the global my.closeSocket()
    await until(() => b.log.opened, 'b open');
    await pause(50);
    expect(b.log.closes).toEqual([]); // the stale close of a did not reach b
    sb.send('still b');
    await until(() => b.log.messages.length === 1, 'b echo');
    expect(a.log.messages).toEqual([]);
    expect(runtime.liveSockets).toBe(1);
    runtime.destroy();
  });

  it('ByteDance: a new socket does not close the old; close before the create callback still closes', async () => {
    const { adapter, runtime } = setup('bytedance');
    const a = record();
    const b = record();
    adapter.connect(echo.wsUrl, a.handlers);
    const sb = adapter.connect(echo.wsUrl, b.handlers);
    void sb.close(); // before tt.connectSocket's success callback: deferred, not lost
    await until(() => a.log.opened && b.log.closes.length, 'a open, b closed');
    expect(a.log.closes).toEqual([]);
    expect(runtime.liveSockets).toBe(1);
    runtime.destroy();
  });

  it('WeChat in the background: sockets cut after the delay, the close arrives on show', async () => {
    const { adapter, runtime } = setup('wechat', { backgroundSocketCloseMs: 50 });
    const { log, handlers } = record();
    adapter.connect(echo.wsUrl, handlers);
    await until(() => log.opened, 'open');
    runtime.hide();
    await until(() => echo.clients() === 0, 'cut in background');
    await pause(20);
    expect(log.closes).toEqual([]);
    runtime.show();
    await until(() => log.closes.length, 'close delivered on show');
    expect(log.closes[0][0]).toBe(1006);
    runtime.destroy();
  });

  it('uni-app picks the rule of the platform it was compiled to', () => {
    expect(setup('uniapp').adapter.socketRule.maxSockets).toBe(5);
    const ali = createSimPlatform('uniapp', { uniPlatform: 'mp-alipay' } as object);
    expect(uniappAdapter(ali.api as never).socketRule).toMatchObject({ maxSockets: 1, newClosesOld: true });
  });
});
