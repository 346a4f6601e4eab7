/**
 * Pigeon messages <-> msync MessageBody contents. The body the receiver gets is rebuilt from the stored
 * message, so a message sent by a Pigeon-SDK user and one sent by an Easemob-SDK user look the same.
 */
import { PigeonError, type ChatType, type Message, type OutgoingMessage } from '@pigeon/protocol';
import type { Plain } from './codec.js';
import { extFromKeyValues, extToKeyValues, fieldsFromKeyValues } from './ext-map.js';

/** MessageBody.Type */
export const BodyType = {
  NORMAL: 0,
  CHAT: 1,
  GROUPCHAT: 2,
  CHATROOM: 3,
  READ_ACK: 4,
  DELIVER_ACK: 5,
  RECALL: 6,
  CHANNEL_ACK: 7,
  EDIT: 8,
} as const;

/** MessageBody.Content.Type */
const C = { TEXT: 0, IMAGE: 1, VIDEO: 2, LOCATION: 3, VOICE: 4, FILE: 5, COMMAND: 6, CUSTOM: 7 } as const;

export const chatOfBodyType = (t: number): ChatType | undefined =>
  t === BodyType.CHAT ? 'single' : t === BodyType.GROUPCHAT ? 'group' : t === BodyType.CHATROOM ? 'room' : undefined;

export const bodyTypeOfChat = (c: ChatType): number =>
  c === 'single' ? BodyType.CHAT : c === 'group' ? BodyType.GROUPCHAT : BodyType.CHATROOM;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && v > 0 ? v : undefined);

/** Drops undefined fields, so optional body fields stay absent rather than null. */
function clean<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function media(c: Plain) {
  return clean({
    url: str(c.remotePath) ?? '',
    secret: str(c.secretKey),
    name: str(c.displayName),
    size: num(c.fileLength),
  });
}

function sizeOf(c: Plain): { width?: number; height?: number } {
  const s = (c.size ?? {}) as Plain;
  return clean({ width: num(s.width), height: num(s.height) });
}

type Body = { type: OutgoingMessage['type']; body: OutgoingMessage['body'] };

const FROM_CONTENT: Record<number, (c: Plain) => Body> = {
  [C.TEXT]: (c) => ({ type: 'txt', body: { text: typeof c.text === 'string' ? c.text : '' } }),
  [C.IMAGE]: (c) => ({
    type: 'img',
    body: { ...media(c), ...sizeOf(c), ...clean({ thumb: str(c.thumbnailRemotePath) }) },
  }),
  [C.VOICE]: (c) => ({ type: 'audio', body: { ...media(c), ...clean({ duration: num(c.duration) }) } }),
  [C.VIDEO]: (c) => ({
    type: 'video',
    body: { ...media(c), ...sizeOf(c), ...clean({ duration: num(c.duration), thumb: str(c.thumbnailRemotePath) }) },
  }),
  [C.FILE]: (c) => ({ type: 'file', body: media(c) }),
  [C.LOCATION]: (c) => ({
    type: 'loc',
    body: clean({
      lat: Number(c.latitude ?? 0),
      lng: Number(c.longitude ?? 0),
      addr: str(c.address),
      buildingName: str(c.buildingName),
    }),
  }),
  [C.COMMAND]: (c) => ({ type: 'cmd', body: { action: typeof c.action === 'string' ? c.action : '' } }),
  [C.CUSTOM]: (c) => ({
    type: 'custom',
    body: clean({
      event: typeof c.customEvent === 'string' ? c.customEvent : '',
      fields: fieldsFromKeyValues(c.customExts),
    }),
  }),
};

/** The message an Easemob client sent (a CHAT meta's MessageBody), as the core's OutgoingMessage. */
export function outgoingFromBody(
  body: Plain,
  cid: string,
  chat: ChatType,
  to: string,
  onlineOnly: boolean,
): OutgoingMessage {
  const content = ((body.contents as Plain[] | undefined) ?? [])[0];
  const map = content && FROM_CONTENT[(content.type as number | undefined) ?? C.TEXT];
  if (!map)
    throw new PigeonError('BAD_REQUEST', 'Unsupported message content.', { details: { path: '/contents/0/type' } });
  const { type, body: b } = map(content);
  const msg = { type, body: b, cid, chat, to } as OutgoingMessage;
  const ext = extFromKeyValues(body.ext);
  if (ext) msg.ext = ext;
  if (onlineOnly) msg.onlineOnly = true;
  if ((body.msgConfig as Plain | undefined)?.allowGroupAck) msg.groupAck = true;
  return msg;
}

function mediaContent(b: { url: string; secret?: string; name?: string; size?: number }): Plain {
  return clean({ remotePath: b.url, secretKey: b.secret, displayName: b.name, fileLength: b.size });
}

const sizeContent = (b: { width?: number; height?: number }): Plain =>
  b.width || b.height ? { size: { width: b.width ?? 0, height: b.height ?? 0 } } : {};

function contentOf(m: Message): Plain {
  switch (m.type) {
    case 'txt':
      return { type: C.TEXT, text: m.recalled ? '' : m.body.text };
    case 'img':
      return {
        type: C.IMAGE,
        ...mediaContent(m.body),
        ...sizeContent(m.body),
        ...clean({ thumbnailRemotePath: m.body.thumb }),
      };
    case 'audio':
      return { type: C.VOICE, ...mediaContent(m.body), ...clean({ duration: m.body.duration }) };
    case 'video':
      return {
        type: C.VIDEO,
        ...mediaContent(m.body),
        ...sizeContent(m.body),
        ...clean({ duration: m.body.duration, thumbnailRemotePath: m.body.thumb }),
      };
    case 'file':
      return { type: C.FILE, ...mediaContent(m.body) };
    case 'loc':
      return clean({
        type: C.LOCATION,
        latitude: m.body.lat,
        longitude: m.body.lng,
        address: m.body.addr,
        buildingName: m.body.buildingName,
      });
    case 'cmd':
      return { type: C.COMMAND, action: m.body.action };
    case 'custom':
      return { type: C.CUSTOM, customEvent: m.body.event, customExts: extToKeyValues(m.body.fields) };
  }
}

/** The MessageBody an Easemob client receives for a stored (or passed-through) Pigeon message. */
export function bodyOfMessage(m: Message): Plain {
  const body: Plain = {
    type: bodyTypeOfChat(m.chat),
    from: { name: m.from },
    to: { name: m.to },
    contents: [contentOf(m)],
    ext: extToKeyValues(m.ext),
  };
  if (m.groupAck) body.msgConfig = { allowGroupAck: true };
  return body;
}
