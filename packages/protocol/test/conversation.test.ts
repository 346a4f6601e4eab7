import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conversationKey, conversationPeer, parseConversationKey, singleKey } from '@pigeon/protocol';

const name = fc.stringMatching(/^[a-z0-9_.-]{1,64}$/);

describe('conversation keys', () => {
  it('give both sides of a 1:1 chat the same key, and each side sees the other as peer', () => {
    fc.assert(
      fc.property(name, name, (a, b) => {
        const k = singleKey(a, b);
        expect(k).toBe(singleKey(b, a));
        expect(conversationKey('single', a, b)).toBe(k);
        expect(parseConversationKey(k)).toEqual({ chat: 'single', ids: [a, b].sort() });
        if (a !== b) {
          expect(conversationPeer(k, a)).toBe(b);
          expect(conversationPeer(k, b)).toBe(a);
        }
      }),
    );
  });

  it('parse group and room keys and reject anything else', () => {
    expect(parseConversationKey('g:123')).toEqual({ chat: 'group', ids: ['123'] });
    expect(parseConversationKey('r:abc')).toEqual({ chat: 'room', ids: ['abc'] });
    for (const bad of ['', 'x:1', 's:a', 's:a:b:c', 'g:', 'g:1:2', ':'])
      expect(parseConversationKey(bad)).toBeUndefined();
  });
});
