/** The generator's source addresses: the first block is left to connect() (no bind), the rest bound. */
import { describe, expect, it } from 'vitest';
import { NotLoopbackError, bindAddress, sourceAddress } from '../lib/loopback.js';

describe('bindAddress', () => {
  it('leaves the first block unbound, so the kernel picks 127.0.0.1 and a port without a bind() search', () => {
    expect(bindAddress(0, 10)).toBeUndefined();
    expect(bindAddress(9, 10)).toBeUndefined();
  });

  it('binds later blocks to 127.0.0.2, .3 …', () => {
    expect(bindAddress(10, 10)).toBe('127.0.0.2');
    expect(bindAddress(25, 10)).toBe('127.0.0.3');
    expect(sourceAddress(25, 10)).toBe('127.0.0.3');
  });

  it('refuses to run past 127.0.0.254', () => {
    expect(() => bindAddress(254 * 10, 10)).toThrow(NotLoopbackError);
  });
});
