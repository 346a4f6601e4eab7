/**
 * Feature-family installers: they add a family's methods and per-connection part to the class they
 * are given, and only to it (the core class and other subclasses stay as they were).
 */
import { describe, expect, it } from 'vitest';
import { ChatConnection, Connection, installChatrooms, installGroups, PigeonError } from '../../src/core/index.js';
import { createNodeAdapter } from '../../src/platforms/node.js';

type Proto = Record<string, unknown>;

describe('installers', () => {
  it('installGroups adds the group calls to one class only, once', () => {
    class WithGroups extends ChatConnection {}
    installGroups(WithGroups);
    installGroups(WithGroups);
    expect(typeof (WithGroups.prototype as unknown as Proto).createGroup).toBe('function');
    expect((WithGroups.prototype as unknown as Proto).joinChatRoom).toBeUndefined();
    expect((ChatConnection.prototype as unknown as Proto).createGroup).toBeUndefined();
    expect(WithGroups.features).toHaveLength(1);
    expect(ChatConnection.features).toHaveLength(0);
    installChatrooms(WithGroups);
    expect(typeof (WithGroups.prototype as unknown as Proto).joinChatRoom).toBe('function');
    expect(WithGroups.features).toHaveLength(2);
  });

  it('the full Connection has every family, and localCache per instance', () => {
    for (const name of ['createGroup', 'joinChatRoom', 'addContact', 'getGroupAllowlist', 'uploadFile', 'cancelUpload'])
      expect(typeof (Connection.prototype as unknown as Proto)[name], name).toBe('function');
    const conn = new Connection({ appKey: 'org#app', url: 'wss://im.example.com/ws', platform: createNodeAdapter() });
    expect(typeof conn.localCache.getLocalConversations).toBe('function');
  });

  it('an installed method called off a connection fails with INVALID_ARGUMENT', async () => {
    const createGroup = (Connection.prototype as unknown as Proto).createGroup as (this: object, p: object) => unknown;
    let err: unknown;
    try {
      await createGroup.call({}, { data: { groupname: 'g' } });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PigeonError);
    expect((err as PigeonError).type).toBe('INVALID_ARGUMENT');
  });
});
