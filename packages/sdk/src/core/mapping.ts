/**
 * Easemob-shaped messages <-> Pigeon's wire model (packages/protocol/src/message.ts).
 * Field names differ per type (Easemob `msg`, `file_length`, `length`, `customExts`; wire `text`,
 * `size`, `duration`, `fields`); one table holds them all.
 */
import {
  conversationKey,
  conversationPeer,
  parseConversationKey,
  type ChatType as WireChat,
  type Ext,
  type Message,
  type MessageType as WireType,
  type OutgoingMessage,
} from '@pigeon/protocol';
import { invalid } from './errors.js';
import type { ChatMessage, ChatType } from './types.js';

export const WIRE_CHAT: Record<ChatType, WireChat> = { singleChat: 'single', groupChat: 'group', chatRoom: 'room' };
export const EASEMOB_CHAT: Record<WireChat, ChatType> = { single: 'singleChat', group: 'groupChat', room: 'chatRoom' };

/** [Easemob field, wire body field] per type. */
const FIELDS: Record<WireType, readonly (readonly [string, string])[]> = {
  txt: [['msg', 'text']],
  img: [
    ['url', 'url'],
    ['file_length', 'size'],
    ['filename', 'name'],
    ['secret', 'secret'],
    ['width', 'width'],
    ['height', 'height'],
    ['thumb', 'thumb'],
  ],
  audio: [
    ['url', 'url'],
    ['file_length', 'size'],
    ['filename', 'name'],
    ['secret', 'secret'],
    ['length', 'duration'],
  ],
  video: [
    ['url', 'url'],
    ['file_length', 'size'],
    ['filename', 'name'],
    ['secret', 'secret'],
    ['length', 'duration'],
    ['width', 'width'],
    ['height', 'height'],
    ['thumb', 'thumb'],
  ],
  file: [
    ['url', 'url'],
    ['file_length', 'size'],
    ['filename', 'name'],
    ['secret', 'secret'],
  ],
  loc: [
    ['lat', 'lat'],
    ['lng', 'lng'],
    ['addr', 'addr'],
    ['buildingName', 'buildingName'],
  ],
  cmd: [['action', 'action']],
  custom: [
    ['customEvent', 'event'],
    ['customExts', 'fields'],
  ],
};

const MEDIA = new Set<WireType>(['img', 'audio', 'video', 'file']);

export const isChatType = (t: unknown): t is WireType => typeof t === 'string' && t in FIELDS;

/** The conversation key for a chat type and peer, seen from `me`. */
export function convKey(chatType: ChatType | undefined, me: string, to: string): string {
  const chat = WIRE_CHAT[chatType ?? 'singleChat'];
  if (!chat) throw invalid(`Unknown chatType ${String(chatType)}`, { field: 'chatType' });
  if (typeof to !== 'string' || !to) throw invalid('`to` must be a non-empty string', { field: 'to' });
  return conversationKey(chat, me, to);
}

/** Validates an Easemob-shaped message and builds the wire form; throws INVALID_ARGUMENT. */
export function toWire(m: ChatMessage): OutgoingMessage {
  const src = m as unknown as Record<string, unknown>;
  if (!isChatType(m.type)) throw invalid(`Unknown message type ${String(m.type)}`, { field: 'type' });
  const chat = WIRE_CHAT[m.chatType ?? 'singleChat'];
  if (!chat) throw invalid(`Unknown chatType ${String(m.chatType)}`, { field: 'chatType' });
  if (typeof m.to !== 'string' || !m.to) throw invalid('`to` must be a non-empty string', { field: 'to' });
  if (typeof m.id !== 'string' || !m.id) throw invalid('`id` must be a non-empty string (use message.create)');
  const upload = (src.body ?? {}) as Record<string, unknown>;
  const body: Record<string, unknown> = {};
  for (const [from, to] of FIELDS[m.type]) {
    const v =
      src[from] ??
      (MEDIA.has(m.type) && from === 'url' ? upload.url : from === 'filename' ? upload.filename : undefined);
    if (v !== undefined && v !== null) body[to] = v;
  }
  checkBody(m.type, body);
  if (m.ext !== undefined && (typeof m.ext !== 'object' || m.ext === null || Array.isArray(m.ext))) {
    throw invalid('`ext` must be an object', { field: 'ext' });
  }
  const out = { cid: m.id, chat, to: m.to, type: m.type, body } as unknown as OutgoingMessage;
  if (m.ext && Object.keys(m.ext).length) out.ext = m.ext;
  if (m.deliverOnlineOnly) out.onlineOnly = true;
  if (chat === 'group' && m.msgConfig?.allowGroupAck === true) out.groupAck = true;
  return out;
}

function checkBody(type: WireType, b: Record<string, unknown>): void {
  const need = (field: string, ok: boolean, what: string): void => {
    if (!ok) throw invalid(`${type} message: ${field} must be ${what}`, { field });
  };
  if (type === 'txt') need('msg', typeof b.text === 'string', 'a string');
  if (MEDIA.has(type))
    need('url', typeof b.url === 'string' && b.url !== '', 'the uploaded file url (uploads: useOwnUploadFun)');
  if (type === 'loc') need('lat/lng', Number.isFinite(b.lat) && Number.isFinite(b.lng), 'numbers');
  if (type === 'cmd') need('action', typeof b.action === 'string' && b.action !== '', 'a non-empty string');
  if (type === 'custom') {
    need('customEvent', typeof b.event === 'string' && b.event !== '', 'a non-empty string');
    const f = b.fields;
    const strings =
      f === undefined || (typeof f === 'object' && f !== null && Object.values(f).every((v) => typeof v === 'string'));
    need('customExts', strings, 'an object of strings');
  }
}

/** A committed wire message as the app sees it. */
export function fromWire(m: Message, me: string): ChatMessage {
  const body = m.body as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {
    id: m.id,
    type: m.type,
    chatType: EASEMOB_CHAT[m.chat],
    from: m.from,
    to: m.to,
    time: m.ts,
    ext: (m.ext ?? {}) as Ext,
    seq: m.seq,
    conv: m.conv,
    conversationId: conversationPeer(m.conv, me) ?? m.to,
  };
  for (const [easemob, wire] of FIELDS[m.type] ?? []) if (body?.[wire] !== undefined) out[easemob] = body[wire];
  if (m.type === 'txt' && out.msg === undefined) out.msg = '';
  if (m.onlineOnly) out.deliverOnlineOnly = true;
  if (m.recalled) out.recalled = true;
  if (m.groupAck) out.msgConfig = { allowGroupAck: true };
  return out as unknown as ChatMessage;
}

/** Chat type, conversation id and recipient of an event about conversation `conv`, seen from `me`. */
export function target(conv: string, me: string): { chatType: ChatType; conversationId: string; to: string } {
  const p = parseConversationKey(conv);
  const chatType = EASEMOB_CHAT[p?.chat ?? 'single'];
  const conversationId = conversationPeer(conv, me) ?? '';
  return { chatType, conversationId, to: p?.chat === 'single' ? me : conversationId };
}
