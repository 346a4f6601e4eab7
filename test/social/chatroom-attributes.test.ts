/**
 * Chatroom custom attributes through the SDK (Easemob setChatRoomAttributes ...): members present
 * read and set them, others' keys are theirs unless an admin forces, everyone present is told.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection, startEnv, until, type Env, type Json } from './env.js';

let env: Env;
beforeAll(async () => {
  env = await startEnv();
});
afterAll(() => env.close());

describe('chatroom attributes', () => {
  it('set, get, overwrite rules, force, remove, events and refusals', async () => {
    const [owner, ann, ben, out] = await env.users(4, 'ra');
    const rid = (await env.rest('POST', '/chatrooms', { name: 'Attrs', owner })).body.data.id as string;
    const [o, a, b, x] = await Promise.all([owner!, ann!, ben!, out!].map((u) => env.login(u)));
    for (const c of [o!, a!, b!]) await c.conn.joinChatRoom({ roomId: rid });

    expect(
      (await a!.conn.setChatRoomAttributes({ chatRoomId: rid, attributes: { topic: 'cats', mood: 'calm' } })).data,
    ).toEqual({ status: 'success', errorKeys: {}, successKeys: ['topic', 'mood'] });
    const update = await until(
      () => b!.inbox.of<Json>('onChatroomEvent').find((e) => e.operation === 'updateChatRoomAttributes'),
      'ben told',
    );
    expect(update).toMatchObject({ id: rid, from: ann, attributes: { topic: 'cats', mood: 'calm' } });
    expect((await b!.conn.getChatRoomAttributes({ chatRoomId: rid })).data).toEqual({ mood: 'calm', topic: 'cats' });
    expect((await b!.conn.getChatRoomAttributes({ chatRoomId: rid, attributeKeys: ['topic'] })).data).toEqual({
      topic: 'cats',
    });

    // Ben may not overwrite Ann's key, nor force; his own key is fine.
    expect(
      (await b!.conn.setChatRoomAttributes({ chatRoomId: rid, attributes: { topic: 'dogs', own: 'x' } })).data,
    ).toEqual({ status: 'fail', errorKeys: { topic: 'set by another member' }, successKeys: ['own'] });
    expect(
      await rejection(b!.conn.setChatRoomAttribute({ chatRoomId: rid, attributeKey: 'topic', attributeValue: 'd' })),
    ).toMatchObject({ type: 'FORBIDDEN', details: { key: 'topic', reason: 'set by another member' } });
    expect(
      await rejection(
        b!.conn.setChatRoomAttributes({ chatRoomId: rid, attributes: { topic: 'dogs' }, isForced: true }),
      ),
    ).toMatchObject({ type: 'ROLE_REQUIRED' });
    expect(await rejection(b!.conn.removeChatRoomAttribute({ chatRoomId: rid, attributeKey: 'mood' }))).toMatchObject({
      type: 'FORBIDDEN',
    });

    // The owner forces.
    await o!.conn.setChatRoomAttribute({
      chatRoomId: rid,
      attributeKey: 'topic',
      attributeValue: 'birds',
      isForced: true,
    });
    expect((await a!.conn.getChatRoomAttributes({ chatRoomId: rid, attributeKeys: ['topic'] })).data).toEqual({
      topic: 'birds',
    });
    expect(
      (await o!.conn.removeChatRoomAttributes({ chatRoomId: rid, attributeKeys: ['mood', 'nope'], isForced: true }))
        .data,
    ).toEqual({ status: 'fail', errorKeys: { nope: 'no such attribute' }, successKeys: ['mood'] });
    await until(
      () => a!.inbox.of<Json>('onChatroomEvent').find((e) => e.operation === 'removeChatRoomAttributes'),
      'ann told of the removal',
    );
    expect(a!.inbox.of<Json>('onChatroomEvent').find((e) => e.operation === 'removeChatRoomAttributes')).toMatchObject({
      attributes: ['mood'],
      from: owner,
    });
    await b!.conn.removeChatRoomAttribute({ chatRoomId: rid, attributeKey: 'own' });
    expect((await a!.conn.getChatRoomAttributes({ chatRoomId: rid })).data).toEqual({ topic: 'birds' });

    // Not present: NOT_A_MEMBER; bad keys and values: BAD_REQUEST naming them.
    expect(await rejection(x!.conn.getChatRoomAttributes({ chatRoomId: rid }))).toMatchObject({
      type: 'NOT_A_MEMBER',
    });
    expect(
      await rejection(a!.conn.setChatRoomAttributes({ chatRoomId: rid, attributes: { 'bad key!': 'v' } })),
    ).toMatchObject({ type: 'BAD_REQUEST', details: { path: '/attrs/0' } });
    expect(
      await rejection(a!.conn.setChatRoomAttributes({ chatRoomId: rid, attributes: { k: 'v'.repeat(4097) } })),
    ).toMatchObject({ type: 'BAD_REQUEST' });
    expect(await rejection(a!.conn.setChatRoomAttributes({ chatRoomId: rid, attributes: {} }))).toMatchObject({
      type: 'BAD_REQUEST',
    });
  });
});
