import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KeyValueStorage } from '../src/core/platform.js';
import { Positions } from '../src/core/positions.js';

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, get: (k) => data.get(k), set: (k, v) => void data.set(k, v), remove: (k) => void data.delete(k) };
}

describe('positions', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('persists through storage shortly after a change, and loads it back', async () => {
    const storage = memoryStorage();
    const a = new Positions(storage, 'pos', 10);
    a.set('s:a:b', 4);
    a.set('g:team', 9);
    expect(storage.data.size).toBe(0); // batched
    await vi.advanceTimersByTimeAsync(400);
    const b = new Positions(storage, 'pos', 10);
    expect(b.get('s:a:b')).toBe(4);
    expect(b.get('g:team')).toBe(9);
  });

  it('keeps at most `max` conversations, forgetting the least recently updated', () => {
    const storage = memoryStorage();
    const p = new Positions(storage, 'pos', 2);
    p.set('a', 1);
    p.set('b', 1);
    p.set('a', 2);
    p.set('c', 1);
    expect(p.get('b')).toBeUndefined();
    expect(p.get('a')).toBe(2);
    p.flush();
    expect(JSON.parse(storage.data.get('pos') as string)).toEqual([
      ['a', 2],
      ['c', 1],
    ]);
  });

  it('survives broken storage (memory only)', () => {
    const broken: KeyValueStorage = {
      get: () => '{not json',
      set: () => {
        throw new Error('quota');
      },
      remove: () => undefined,
    };
    const p = new Positions(broken, 'pos', 5);
    p.set('a', 3);
    expect(() => p.flush()).not.toThrow();
    expect(p.get('a')).toBe(3);
  });
});
