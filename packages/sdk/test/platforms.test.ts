/**
 * Platform choice and the web/node adapters. The web adapter runs here against browser-shaped
 * globals (window/document EventTargets, `ws` as WebSocket, a localStorage) on the real test server.
 */
import WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resolvePlatform } from '../src/core/registry.js';
import { node } from '../src/platforms/node.js';
import { web } from '../src/platforms/web.js';
import { pause, record, until } from './support/client.js';
import { APP_KEY, FakePigeonServer } from './support/fake-pigeon-server.js';

let server: FakePigeonServer;
beforeEach(async () => {
  server = await new FakePigeonServer().start();
});
afterEach(async () => {
  vi.unstubAllGlobals();
  await server.stop();
});

describe('platform registry', () => {
  it('detects node here, not web (no window/document)', () => {
    expect(web.detect()).toBe(false);
    expect(node.detect()).toBe(true);
    expect(resolvePlatform(undefined, [web, node]).name).toBe('node');
  });

  it('an explicit adapter or name wins over detection', () => {
    const custom = { ...node.create(), name: 'other' as const };
    expect(resolvePlatform(custom, [web, node])).toBe(custom);
    expect(resolvePlatform('node', [web, node]).name).toBe('node');
  });

  it('a platform this build lacks is INVALID_ARGUMENT naming what it has', () => {
    expect(() => resolvePlatform('other', [web, node])).toThrow(
      expect.objectContaining({ type: 'INVALID_ARGUMENT', message: expect.stringContaining('web, node') }),
    );
    expect(() => resolvePlatform(undefined, [web])).toThrow(expect.objectContaining({ type: 'INVALID_ARGUMENT' }));
  });

  it('the root entry exports Easemob-shaped defaults and detects node', async () => {
    const sdk = await import('../src/index.js');
    expect(Object.keys(sdk.default).sort()).toEqual([
      'ErrorCodes',
      'PigeonError',
      'connection',
      'message',
      'statusCode',
      'utils',
    ]);
    expect(sdk.statusCode.NOT_CONNECTED).toBe(6001);
    expect(sdk.default.utils.getEnvInfo()).toEqual({ platform: 'node' });
    expect(Object.isFrozen(sdk.default)).toBe(true);
    const c = new sdk.connection({ appKey: APP_KEY, url: server.url });
    expect(c.state).toBe('closed');
    expect(() => new sdk.connection({ appKey: 'no-hash', url: server.url })).toThrow(
      expect.objectContaining({ type: 'INVALID_ARGUMENT' }),
    );
  });

  it('the node adapter loads `ws` lazily when Node has no global WebSocket', async () => {
    const { default: sdk } = await import('../src/node.js');
    const c = new sdk.connection({ appKey: APP_KEY, url: server.url, apiUrl: server.apiUrl });
    await c.open({ user: 'alice', pwd: 'pw' });
    expect(c.isOpened()).toBe(true);
    await c.close();
  });
});

describe('web adapter (browser-shaped globals)', () => {
  function browser() {
    const win = new EventTarget();
    const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' });
    const store = new Map<string, string>();
    vi.stubGlobal('window', win);
    vi.stubGlobal('document', doc);
    vi.stubGlobal('WebSocket', WebSocket);
    vi.stubGlobal('localStorage', {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    });
    return { win, doc, store };
  }

  it('chats, keeps positions and the device id in localStorage, reacts to online/offline and visibility', async () => {
    const { win, doc, store } = browser();
    expect(web.detect()).toBe(true);
    const { default: sdk } = await import('../src/web.js');
    const c = new sdk.connection({ appKey: APP_KEY, url: server.url, heartBeatWait: 60_000, requestTimeout: 500 });
    const rec = record(c);
    await c.open({ user: 'alice', pwd: 'pw' });
    expect(store.get('pigeon:deviceId')).toBe(c.deviceId);

    server.inject('bob', { chat: 'single', to: 'alice', type: 'txt', body: { text: 'hi' } });
    await until(() => rec.count('onTextMessage') === 1, 'message');
    await until(() => store.get(`pigeon:${APP_KEY}:alice:positions`)?.includes('s:alice:bob'), 'positions saved');

    win.dispatchEvent(new Event('offline'));
    win.dispatchEvent(new Event('online'));
    expect(rec.names()).toEqual(expect.arrayContaining(['onOffline', 'onOnline']));

    server.frozen = true; // the socket died while the tab was hidden
    doc.visibilityState = 'hidden';
    doc.dispatchEvent(new Event('visibilitychange'));
    doc.visibilityState = 'visible';
    doc.dispatchEvent(new Event('visibilitychange'));
    await until(() => c.state === 'reconnecting', 'dead socket noticed on show', 2000);
    server.frozen = false;
    await c.onShow();
    await until(() => c.isOpened(), 'reconnected');
    await c.close();
    await pause(10);
  });

  it('refuses to start without WebSocket/fetch instead of failing later', () => {
    vi.stubGlobal('WebSocket', undefined);
    expect(() => web.create()).toThrow(/WebSocket and fetch/);
  });
});
