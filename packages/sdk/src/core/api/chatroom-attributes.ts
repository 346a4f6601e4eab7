/**
 * Chatroom custom attributes (Easemob setChatRoomAttributes ...). Easemob's `autoDelete` (drop a
 * member's keys when it leaves) is not offered: attributes last until removed or the room is destroyed.
 */
import { PigeonError, type AttrResult } from '@pigeon/protocol';
import { ok, str, type ApiContext } from './context.js';

type RoomP = { chatRoomId: string; isForced?: boolean };

const result = (r: AttrResult) =>
  ok({
    status: Object.keys(r.errorKeys).length ? ('fail' as const) : ('success' as const),
    errorKeys: r.errorKeys,
    successKeys: r.successKeys,
  });

export async function getChatRoomAttributes(ctx: ApiContext, p: { chatRoomId: string; attributeKeys?: string[] }) {
  const roomId = str(p, 'chatRoomId');
  const keys = p.attributeKeys?.length ? { keys: p.attributeKeys } : {};
  return ok((await ctx.request('room.attrs', { roomId, ...keys })).attrs);
}

export async function setChatRoomAttributes(ctx: ApiContext, p: RoomP & { attributes: Record<string, string> }) {
  const roomId = str(p, 'chatRoomId');
  return result(await ctx.request('room.setAttrs', { roomId, attrs: p.attributes, force: p.isForced === true }));
}

/** One key; rejects with the reason when it was refused (Easemob resolves nothing here). */
export async function setChatRoomAttribute(
  ctx: ApiContext,
  p: RoomP & { attributeKey: string; attributeValue: string },
): Promise<void> {
  const attrs = { [str(p, 'attributeKey')]: p.attributeValue };
  const r = await ctx.request('room.setAttrs', { roomId: str(p, 'chatRoomId'), attrs, force: p.isForced === true });
  refused(r);
}

export async function removeChatRoomAttributes(ctx: ApiContext, p: RoomP & { attributeKeys: string[] }) {
  const roomId = str(p, 'chatRoomId');
  return result(await ctx.request('room.removeAttrs', { roomId, keys: p.attributeKeys, force: p.isForced === true }));
}

export async function removeChatRoomAttribute(ctx: ApiContext, p: RoomP & { attributeKey: string }): Promise<void> {
  const keys = [str(p, 'attributeKey')];
  refused(await ctx.request('room.removeAttrs', { roomId: str(p, 'chatRoomId'), keys, force: p.isForced === true }));
}

function refused(r: AttrResult): void {
  const [key, reason] = Object.entries(r.errorKeys)[0] ?? [];
  // A single-key call whose key was refused (set by another member, too many attributes ...).
  if (key !== undefined)
    throw new PigeonError('FORBIDDEN', `Attribute ${key}: ${reason}`, { details: { key, reason } });
}
