/** The message model shared by server and SDK. */

export type ChatType = 'single' | 'group' | 'room';

export const MESSAGE_TYPES = ['txt', 'img', 'audio', 'video', 'file', 'loc', 'cmd', 'custom'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/** Values an app may put in `ext`: JSON values (the Easemob SDK allows nested objects too). */
export type ExtValue = string | number | boolean | null | ExtValue[] | { [key: string]: ExtValue };
export type Ext = Record<string, ExtValue>;

export interface MediaFields {
  url: string;
  /** Bytes. */
  size?: number;
  name?: string;
  /** Share secret of an uploaded file (files issue); kept so recipients can download. */
  secret?: string;
}

export interface TextBody {
  text: string;
}
export interface ImageBody extends MediaFields {
  width?: number;
  height?: number;
  thumb?: string;
}
export interface AudioBody extends MediaFields {
  duration?: number;
}
export interface VideoBody extends MediaFields {
  duration?: number;
  width?: number;
  height?: number;
  thumb?: string;
}
export type FileBody = MediaFields;
export interface LocationBody {
  lat: number;
  lng: number;
  addr?: string;
  buildingName?: string;
}
export interface CommandBody {
  action: string;
}
export interface CustomBody {
  event: string;
  fields?: Record<string, string>;
}

export interface BodyByType {
  txt: TextBody;
  img: ImageBody;
  audio: AudioBody;
  video: VideoBody;
  file: FileBody;
  loc: LocationBody;
  cmd: CommandBody;
  custom: CustomBody;
}

type OutgoingOf<T extends MessageType> = {
  type: T;
  body: BodyByType[T];
  /** Client-generated id: the server deduplicates retried sends on (app, sender, cid). */
  cid: string;
  chat: ChatType;
  /** Recipient user name, group id or chatroom id. */
  to: string;
  ext?: Ext;
  /** Deliver only to online devices and do not store (like Easemob's deliverOnlineOnly). */
  onlineOnly?: boolean;
  /** Group messages: members may send read receipts for it (Easemob msgConfig.allowGroupAck). */
  groupAck?: boolean;
};

/**
 * A message as the client sends it (op `msg.send`). In groups and chatrooms, `ext.em_at_list` (an
 * array of user names, or the string 'ALL') mentions members, as on Easemob.
 */
export type OutgoingMessage = { [T in MessageType]: OutgoingOf<T> }[MessageType];

/** A committed message as the server stores and pushes it. */
export type Message = OutgoingMessage & {
  /** Server id (decimal string, unique per app). */
  id: string;
  /** Conversation key, see conversation.ts. */
  conv: string;
  from: string;
  /** Per-conversation sequence number, strictly increasing; 0 for messages that are not stored (cmd). */
  seq: number;
  /** Server commit time, ms since epoch. */
  ts: number;
  /** Set when recalled; the body is then emptied. */
  recalled?: boolean;
};

/** Reply to `msg.send`: sent only after the message is durably committed. */
export interface SendAck {
  id: string;
  cid: string;
  conv: string;
  seq: number;
  ts: number;
}

/** Messages whose type is never stored nor counted as unread. */
export const isPassthrough = (type: MessageType): boolean => type === 'cmd';

/** The ext key holding @mentions (Easemob's): user names, or 'ALL'. */
export const MENTION_KEY = 'em_at_list';
export const MENTION_ALL = 'ALL';
