/** The small pure parts of the mini-program adapters: Alipay's message shapes, base64, detection. */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { isAlipay, readAlipayMessage } from '../../src/platforms/alipay.js';
import { isBaidu } from '../../src/platforms/baidu.js';
import { isBytedance } from '../../src/platforms/bytedance.js';
import { fromBase64, toBase64 } from '../../src/platforms/mp/base64.js';
import { closeCode, errText } from '../../src/platforms/mp/socket.js';
import { isQq } from '../../src/platforms/qq.js';
import { isUniapp } from '../../src/platforms/uniapp.js';
import { isWechat } from '../../src/platforms/wechat.js';
import { platforms } from '../../src/platforms/index.js';
import { detectPlatform } from '../../src/core/registry.js';

const bytes = (b: ArrayBuffer | string) => [...new Uint8Array(b as ArrayBuffer)];

describe('Alipay message shapes', () => {
  it('reads flat, nested (task mode) and base64 (isBuffer) frames', () => {
    expect(readAlipayMessage({ data: 'text' })).toBe('text');
    expect(readAlipayMessage({ data: { data: 'nested', isBuffer: false, socketTaskID: 't1' } })).toBe('nested');
    expect(bytes(readAlipayMessage({ data: 'AAH6/w==', isBuffer: true }))).toEqual([0, 1, 250, 255]);
    expect(bytes(readAlipayMessage({ data: { data: 'AAH6/w==', isBuffer: true, socketTaskID: 't1' } }))).toEqual([
      0, 1, 250, 255,
    ]);
    const raw = new Uint8Array([9, 8]).buffer;
    expect(readAlipayMessage({ data: raw })).toBe(raw);
  });
});

describe('base64 without atob/btoa/Buffer', () => {
  it('round-trips any bytes and matches Node', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (u8) => {
        const b64 = toBase64(u8.slice().buffer);
        expect(b64).toBe(Buffer.from(u8).toString('base64'));
        expect(bytes(fromBase64(b64))).toEqual([...u8]);
      }),
    );
  });
});

describe('helpers', () => {
  it('keeps only close codes the platforms accept', () => {
    expect([1000, 1001, 1006, 3000, 4003, 4999, 5000].map(closeCode)).toEqual([
      1000, 1000, 1000, 3000, 4003, 4999, 1000,
    ]);
  });
  it('reads every platform error shape', () => {
    expect(errText({ errMsg: 'request:fail timeout' }, 'x')).toBe('request:fail timeout');
    expect(errText({ error: 12, errorMessage: 'network error' }, 'x')).toBe('network error');
    expect(errText(undefined, 'fallback')).toBe('fallback');
  });
});

describe('detection', () => {
  const g = globalThis as Record<string, unknown>;
  const names = ['wx', 'qq', 'my', 'swan', 'tt', 'uni'];
  afterEach(() => names.forEach((n) => delete g[n]));

  it('is false everywhere without the globals, and never throws', () => {
    expect([isWechat(), isQq(), isAlipay(), isBaidu(), isBytedance(), isUniapp()]).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('needs connectSocket on the platform object, not just the name', () => {
    g.wx = {};
    expect(isWechat()).toBe(false);
    g.wx = { connectSocket() {} };
    g.my = { connectSocket() {} };
    expect([isWechat(), isAlipay(), isQq()]).toEqual([true, true, false]);
  });

  it('the root entry prefers uni-app, then QQ, over the wx they also define; mini-programs over web and node', () => {
    const api = { connectSocket() {} };
    g.wx = api;
    expect(detectPlatform(platforms)?.name).toBe('wechat');
    g.qq = api;
    expect(detectPlatform(platforms)?.name).toBe('qq');
    g.uni = api;
    expect(detectPlatform(platforms)?.name).toBe('uniapp');
  });
});
