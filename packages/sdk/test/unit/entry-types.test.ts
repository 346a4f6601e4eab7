/**
 * The full entries' `connection` keeps the whole Easemob-like API in its type (interface merging of
 * the installed families); the core-chat entries' has only the chat calls. The `@ts-expect-error`
 * lines are checked by `tsc -p tsconfig.test.json`; the assertions hold the same at run time.
 */
import { describe, expect, it } from 'vitest';
import core from '../../src/entries/wechat-core.js';
import full from '../../src/entries/wechat.js';

type Conn<S extends { connection: abstract new (...a: never[]) => unknown }> = InstanceType<S['connection']>;

describe('entry types', () => {
  it('full: group, chatroom, contact, file calls and localCache; core: chat calls only', () => {
    const fullCalls = (c: Conn<typeof full>) => [
      c.createGroup,
      c.joinChatRoom,
      c.addContact,
      c.uploadFile,
      c.localCache,
    ];
    const coreCalls = (c: Conn<typeof core>) => [
      c.send,
      c.getHistoryMessages,
      c.recallMessage,
      c.getServerConversations,
    ];
    // @ts-expect-error the core-chat connection has no group calls
    const noGroups = (c: Conn<typeof core>) => c.createGroup;
    // @ts-expect-error nor a local conversation list
    const noCache = (c: Conn<typeof core>) => c.localCache;
    expect([fullCalls, coreCalls, noGroups, noCache].every((f) => typeof f === 'function')).toBe(true);
    expect(typeof (full.connection.prototype as unknown as Record<string, unknown>).createGroup).toBe('function');
    expect((core.connection.prototype as unknown as Record<string, unknown>).createGroup).toBeUndefined();
    expect(Object.keys(core.utils).sort()).toEqual(['getEnvInfo', 'getUniqueId']);
    expect(typeof (full.utils as Record<string, unknown>).uploadFile).toBe('function');
  });
});
