import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokenTimes } from '../src/core/jwt.js';
import { after } from '../src/core/timers.js';
import { TokenClock } from '../src/core/token.js';
import { utf8Decode, utf8Length } from '../src/core/utf8.js';

const DAY = 86_400_000;
const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('token timing', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('warns with 20% of the validity left, then expires', () => {
    const will = vi.fn();
    const expired = vi.fn();
    const clock = new TokenClock(will, expired);
    clock.arm('t', Date.now() + 10_000, 10_000);
    vi.advanceTimersByTime(7_999);
    expect(will).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(will).toHaveBeenCalledOnce();
    vi.advanceTimersByTime(2_000);
    expect(expired).toHaveBeenCalledOnce();
  });

  it('a 180-day token does not fire at once (setTimeout overflows above 24.8 days)', () => {
    const will = vi.fn();
    const clock = new TokenClock(will, vi.fn());
    clock.arm('t', Date.now() + 180 * DAY, 180 * DAY);
    vi.advanceTimersByTime(100 * DAY);
    expect(will).not.toHaveBeenCalled();
    vi.advanceTimersByTime(44 * DAY);
    expect(will).toHaveBeenCalledOnce();
  });

  it('re-arming with the same token (a reconnect) does not warn twice; disarm cancels', () => {
    const will = vi.fn();
    const clock = new TokenClock(will, vi.fn());
    clock.arm('t', Date.now() + 1000, 1000);
    clock.arm('t', Date.now() + 1000, 1000);
    vi.advanceTimersByTime(900);
    expect(will).toHaveBeenCalledOnce();
    clock.arm('u', Date.now() + 1000, 1000);
    clock.disarm();
    vi.advanceTimersByTime(2000);
    expect(will).toHaveBeenCalledOnce();
  });

  it('after() cancels, including chained long waits', () => {
    const fn = vi.fn();
    const cancel = after(60 * DAY, fn);
    vi.advanceTimersByTime(30 * DAY);
    cancel();
    vi.advanceTimersByTime(60 * DAY);
    expect(fn).not.toHaveBeenCalled();
  });
});

describe('jwt and utf8 helpers (no atob/TextDecoder needed)', () => {
  it('reads iat/exp from a JWT payload, and nothing from garbage', () => {
    const jwt = `${b64url({ alg: 'HS256' })}.${b64url({ sub: 'alice', iat: 100, exp: 200, name: '张三' })}.sig`;
    expect(tokenTimes(jwt)).toEqual({ iat: 100, exp: 200 });
    expect(tokenTimes('tok-alice')).toEqual({});
    expect(tokenTimes('a.%%%.b')).toEqual({});
  });

  it('measures and decodes UTF-8 like Buffer does', () => {
    for (const s of ['', 'abc', 'héllo', '你好', '😀 emoji', 'mixed 中文 and 😀🎉']) {
      const bytes = Buffer.from(s, 'utf8');
      expect(utf8Length(s)).toBe(bytes.length);
      expect(utf8Decode(new Uint8Array(bytes))).toBe(s);
    }
  });
});
