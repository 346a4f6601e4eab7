/**
 * Public shapes, named and laid out as in Easemob Web SDK 4.x (easemob-websdk's Easemob-chat.d.ts),
 * plus what Pigeon adds: `seq` (per-conversation order), `conv` (Pigeon's conversation key).
 */
import type { Ext, PigeonError } from '@pigeon/protocol';
import type { ChatroomEvent, GroupEvent } from './api/social-types.js';
import type { UploadCallbacks } from './api/files.js';

export type ChatType = 'singleChat' | 'groupChat' | 'chatRoom';

interface Base {
  /** Local id until acked (it is the cid the server deduplicates on); then the server id. */
  id: string;
  chatType: ChatType;
  /** Recipient: user name, group id or chatroom id. */
  to: string;
  from?: string;
  ext?: Ext;
  /** ms since epoch: creation time locally, server commit time once sent or received. */
  time: number;
  deliverOnlineOnly?: boolean;
  /** Pigeon: per-conversation sequence number, set once committed (0 for cmd, which is not stored). */
  seq?: number;
  /** Easemob's conversation id: the peer user for 1:1, else the group or chatroom id. */
  conversationId?: string;
  /** Pigeon's conversation key: `s:<a>:<b>`, `g:<groupId>` or `r:<roomId>`. */
  conv?: string;
  /** Set on messages recalled before they were fetched (their content is then empty). */
  recalled?: boolean;
  /** Group messages: `allowGroupAck` lets members send read receipts (getGroupMsgReadUser lists them). */
  msgConfig?: { allowGroupAck?: boolean };
}

interface Media extends UploadCallbacks {
  /** Set once uploaded (or by the app with useOwnUploadFun): the file's URL. */
  url: string;
  /** Bytes. */
  file_length?: number;
  filename?: string;
  secret?: string;
  /** Easemob's useOwnUploadFun shape: the uploaded file's url and name. */
  body?: { url: string; type?: string; filename?: string };
  /**
   * To upload on send(): a File/Blob (browsers), a temp file path (mini-programs, uni-app), a
   * path or bytes (Node), or Easemob's FileObj `{ url, filename, data }`.
   */
  file?: unknown;
  /** Attempts after a network failure while uploading (default 2). */
  uploadRetries?: number;
}

export interface TextMessage extends Base {
  type: 'txt';
  msg: string;
}
export interface ImageMessage extends Base, Media {
  type: 'img';
  width?: number;
  height?: number;
  thumb?: string;
}
export interface AudioMessage extends Base, Media {
  type: 'audio';
  /** Seconds. */
  length?: number;
}
export interface VideoMessage extends Base, Media {
  type: 'video';
  /** Seconds. */
  length?: number;
  width?: number;
  height?: number;
  thumb?: string;
}
export interface FileMessage extends Base, Media {
  type: 'file';
}
export interface LocationMessage extends Base {
  type: 'loc';
  lat: number;
  lng: number;
  addr?: string;
  buildingName?: string;
}
export interface CmdMessage extends Base {
  type: 'cmd';
  action: string;
}
export interface CustomMessage extends Base {
  type: 'custom';
  customEvent: string;
  customExts?: Record<string, string>;
}

/** Messages with content: what send() stores and the on*Message handlers receive. */
export type ChatMessage =
  TextMessage | ImageMessage | AudioMessage | VideoMessage | FileMessage | LocationMessage | CmdMessage | CustomMessage;

/** Read receipt for one message (send: conv.read with id; receive: onReadMessage). */
export interface ReadMessage {
  type: 'read';
  id: string;
  chatType: 'singleChat' | 'groupChat';
  to: string;
  from?: string;
  /** The message being acknowledged. */
  mid?: string;
  ackId?: string;
  time: number;
  conversationId?: string;
  conv?: string;
  /** Pigeon: the reader's read position after this receipt. */
  readSeq?: number;
  /** Groups: how many members have read the message so far, by message id. */
  groupReadCount?: Record<string, number>;
}

/** Whole-conversation read (send: conv.read without id; receive: onChannelMessage). */
export interface ChannelMessage {
  type: 'channel';
  id: string;
  chatType: ChatType;
  to: string;
  from?: string;
  time: number;
  conversationId?: string;
  conv?: string;
  readSeq?: number;
}

/** Delivery receipt (send: msg.delivered; receive: onDeliveredMessage). */
export interface DeliveryMessage {
  type: 'delivery';
  id: string;
  to: string;
  from?: string;
  chatType?: 'singleChat' | 'groupChat';
  /** The message that was delivered. */
  mid?: string;
  ackId?: string;
  time: number;
  conversationId?: string;
  conv?: string;
}

export type AckMessage = ReadMessage | ChannelMessage | DeliveryMessage;
export type AnyMessage = ChatMessage | AckMessage;
export type MessageType = AnyMessage['type'];

/** Result of send(), as Easemob's SendMsgResult. */
export interface SendMsgResult {
  localMsgId: string;
  /** Server id; '' for read/channel/delivery receipts, which are not stored. */
  serverMsgId: string;
  /** The sent message with its server id, `from`, `seq` and server `time` (not for receipts). */
  message?: ChatMessage;
}

/** onReceivedMessage: the server committed one of our sends. */
export interface ReceivedMsgBody {
  /** Local id. */
  id: string;
  /** Server id. */
  mid: string;
  to: string;
  seq: number;
  time: number;
  conversationId: string;
  conv: string;
}

/** onRecallMessage. */
export interface RecallMsgBody {
  id: string;
  /** The recalled message's server id. */
  mid: string;
  from: string;
  to: string;
  chatType: ChatType;
  ext: string;
  conversationId: string;
  conv: string;
}

/** onMultiDeviceEvent (the conversation operations Pigeon has). */
export interface ConversationChangedInfo {
  operation: 'deleteConversation';
  conversationId: string;
  conversationType: ChatType;
  deleteRoam: boolean;
}

export interface LoginResult {
  accessToken: string;
  /** Token validity in ms, when known. */
  duration?: number;
  /** ms since epoch, when known. */
  expireTimestamp?: number;
}

/** Easemob's AsyncResult: `type` 0 is success. */
export interface AsyncResult<T> {
  type: 0;
  data: T;
}

export interface ConversationItem {
  conversationId: string;
  conversationType: ChatType;
  isPinned: boolean;
  pinnedTime: number;
  lastMessage: ChatMessage | null;
  unReadCount: number;
  /** Pigeon: an unread group message mentions this user (ext.em_at_list names them, or 'ALL'). */
  mentioned?: boolean;
  /** Pigeon: the conversation key, its last seq, the user's read position and last activity time. */
  conv: string;
  lastSeq: number;
  readSeq: number;
  time: number;
}

export interface ServerConversations {
  conversations: ConversationItem[];
  /** Pass back for the next page; '' on the last page. */
  cursor: string;
}

export interface HistoryMessages {
  /** Pass back for the next page; undefined when this was the last. */
  cursor?: string;
  messages: ChatMessage[];
  isLast: boolean;
}

export interface EventHandlers {
  onConnected?(): void;
  /** The SDK stopped and will not reconnect by itself: close(), kicked, token refused, attempts exhausted. */
  onDisconnected?(error?: PigeonError): void;
  /** A reconnect attempt starts (a dropped socket is being replaced). */
  onReconnecting?(): void;
  onOnline?(): void;
  onOffline?(): void;
  onError?(error: PigeonError): void;
  onTokenWillExpire?(): void;
  onTokenExpired?(): void;
  onOfflineMessageSyncStart?(): void;
  onOfflineMessageSyncFinish?(): void;
  onTextMessage?(msg: TextMessage): void;
  onImageMessage?(msg: ImageMessage): void;
  onAudioMessage?(msg: AudioMessage): void;
  onVideoMessage?(msg: VideoMessage): void;
  onFileMessage?(msg: FileMessage): void;
  onLocationMessage?(msg: LocationMessage): void;
  onCmdMessage?(msg: CmdMessage): void;
  onCustomMessage?(msg: CustomMessage): void;
  /** Every received message except cmd, batched (one call per push, one per synced page). */
  onMessage?(msgs: Exclude<ChatMessage, CmdMessage>[]): void;
  onReceivedMessage?(msg: ReceivedMsgBody): void;
  onDeliveredMessage?(msg: DeliveryMessage): void;
  onReadMessage?(msg: ReadMessage): void;
  onChannelMessage?(msg: ChannelMessage): void;
  onRecallMessage?(msg: RecallMsgBody): void;
  onMultiDeviceEvent?(event: ConversationChangedInfo): void;
  /** A change in one of the user's groups (or an invitation, request, decision about one). */
  onGroupEvent?(event: GroupEvent): void;
  /** A change in a chatroom the user is in. */
  onChatroomEvent?(event: ChatroomEvent): void;
}

export type EventName = keyof EventHandlers;
