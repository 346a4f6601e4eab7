/**
 * The table of operations: every request a client may send over the WebSocket, with its
 * request data and reply data. Every request gets exactly one reply (data or error).
 */
import type { ConversationInfo, SyncPosition } from './conversation.js';
import type { Message, OutgoingMessage, SendAck } from './message.js';
import { CHATROOM_OP_NAMES, type ChatroomOps } from './ops-chatrooms.js';
import { GROUP_OP_NAMES, type GroupOps } from './ops-groups.js';
import { CONTACTS_OP_NAMES, type ContactsOps } from './ops-contacts.js';
import { SOCIAL_EXTRA_OP_NAMES, type SocialExtraOps } from './ops-social-extras.js';

export type Platform = 'web' | 'node' | 'wechat' | 'qq' | 'alipay' | 'baidu' | 'bytedance' | 'uniapp' | 'other';
export const PLATFORMS: readonly Platform[] = [
  'web',
  'node',
  'wechat',
  'qq',
  'alipay',
  'baidu',
  'bytedance',
  'uniapp',
  'other',
];

export interface AuthRequest {
  /** Protocol version the client speaks. */
  v: number;
  appKey: string;
  token: string;
  platform: Platform;
  /** Stable per install; a reconnect with the same deviceId replaces its own old session silently. */
  deviceId: string;
  /** SDK name and version, for logs. */
  sdk?: string;
}

export interface AuthReply {
  user: string;
  deviceId: string;
  /** Server session id (for logs and support). */
  sessionId: string;
  serverTime: number;
  /** The server drops a connection silent for this long. */
  idleTimeoutMs: number;
  limits: { maxFrameBytes: number; maxMessageBytes: number; sendsPerSecond: number };
  /** Token expiry (ms since epoch), so the SDK can warn before it lapses. */
  tokenExpiresAt: number;
}

export interface Ops extends GroupOps, ChatroomOps, ContactsOps, SocialExtraOps {
  auth: { req: AuthRequest; res: AuthReply };
  ping: { req: Record<string, never> | undefined; res: { t: number } };
  'msg.send': { req: { msg: OutgoingMessage }; res: SendAck };
  /** Messages after a seq, oldest first: offline sync and gap fill. */
  'msg.pull': { req: { conv: string; afterSeq: number; limit?: number }; res: { msgs: Message[]; hasMore: boolean } };
  /** History, newest first, paged by cursor (a seq; omit for the newest page). */
  'msg.history': {
    req: { conv: string; beforeSeq?: number; limit?: number };
    res: { msgs: Message[]; cursor: number | null };
  };
  'msg.recall': { req: { conv: string; id: string }; res: { id: string } };
  /** Tell the sender a message reached this device (onDeliveredMessage). */
  'msg.delivered': { req: { conv: string; id: string }; res: Record<string, never> };
  /** Move the read position; with `id`, also a per-message read receipt (onReadMessage). */
  'conv.read': { req: { conv: string; seq?: number; id?: string }; res: { readSeq: number } };
  'conv.list': {
    req: { cursor?: string; limit?: number };
    res: { convs: ConversationInfo[]; cursor: string | null };
  };
  'conv.delete': { req: { conv: string; deleteRoam?: boolean }; res: Record<string, never> };
  /** Positions of every conversation, paged; the SDK compares them with its own for offline sync. */
  'sync.positions': { req: { cursor?: string; limit?: number }; res: { convs: SyncPosition[]; cursor: string | null } };
}

export type OpName = keyof Ops;
export type OpRequest<O extends OpName> = Ops[O]['req'];
export type OpReply<O extends OpName> = Ops[O]['res'];

export const OP_NAMES: readonly OpName[] = [
  'auth',
  'ping',
  'msg.send',
  'msg.pull',
  'msg.history',
  'msg.recall',
  'msg.delivered',
  'conv.read',
  'conv.list',
  'conv.delete',
  'sync.positions',
  ...GROUP_OP_NAMES,
  ...CHATROOM_OP_NAMES,
  ...CONTACTS_OP_NAMES,
  ...SOCIAL_EXTRA_OP_NAMES,
];
