/**
 * `message.create`, as Easemob's: builds a message object with a fresh local id (the cid the server
 * deduplicates on). Validation happens in send(), which rejects with INVALID_ARGUMENT, so create()
 * never throws in the middle of app code.
 */
import { uniqueId } from './ids.js';
import type {
  AudioMessage,
  ChannelMessage,
  CmdMessage,
  CustomMessage,
  DeliveryMessage,
  FileMessage,
  ImageMessage,
  LocationMessage,
  ReadMessage,
  TextMessage,
  VideoMessage,
} from './types.js';

type Omitted = 'id' | 'time' | 'chatType' | 'seq' | 'conv' | 'conversationId' | 'recalled';
type Params<M extends { chatType?: unknown }> = Omit<M, Omitted> & { chatType?: M['chatType'] };
/** Media: either `file` (uploaded on send) or `url` (useOwnUploadFun). */
type MediaParams<M extends { chatType?: unknown; url: string }> = Omit<Params<M>, 'url'> & { url?: string };

export type CreateTextMsgParameters = Params<TextMessage>;
export type CreateImgMsgParameters = MediaParams<ImageMessage>;
export type CreateAudioMsgParameters = MediaParams<AudioMessage>;
export type CreateVideoMsgParameters = MediaParams<VideoMessage>;
export type CreateFileMsgParameters = MediaParams<FileMessage>;
export type CreateLocationMsgParameters = Params<LocationMessage>;
export type CreateCmdMsgParameters = Params<CmdMessage>;
export type CreateCustomMsgParameters = Params<CustomMessage>;
/** `id` is the message being acknowledged (Easemob's shape). */
export type CreateReadMsgParameters = Omit<ReadMessage, 'time' | 'chatType'> & { chatType?: ReadMessage['chatType'] };
export type CreateChannelMsgParameters = Omit<ChannelMessage, 'id' | 'time' | 'chatType'> & {
  chatType?: ChannelMessage['chatType'];
};
/** `ackId` (or `id`) is the message that was delivered (Easemob's shape). */
export type CreateDeliveryMsgParameters = Omit<DeliveryMessage, 'id' | 'time'> & { id?: string };

export interface CreateMap {
  txt: [CreateTextMsgParameters, TextMessage];
  img: [CreateImgMsgParameters, ImageMessage];
  audio: [CreateAudioMsgParameters, AudioMessage];
  video: [CreateVideoMsgParameters, VideoMessage];
  file: [CreateFileMsgParameters, FileMessage];
  loc: [CreateLocationMsgParameters, LocationMessage];
  cmd: [CreateCmdMsgParameters, CmdMessage];
  custom: [CreateCustomMsgParameters, CustomMessage];
  read: [CreateReadMsgParameters, ReadMessage];
  channel: [CreateChannelMsgParameters, ChannelMessage];
  delivery: [CreateDeliveryMsgParameters, DeliveryMessage];
}

export type CreateMsgType = CreateMap[keyof CreateMap][0];

/**
 * Callbacks of Easemob's old style (success/fail on the message) are not carried over: send()
 * returns a Promise. The onFileUpload* callbacks stay: send() calls them while uploading `file`.
 */
const DROPPED = ['success', 'fail'];

export function create<P extends CreateMsgType>(params: P): CreateMap[P['type']][1] {
  const p = { ...(params as unknown as Record<string, unknown>) };
  for (const k of DROPPED) delete p[k];
  const out: Record<string, unknown> = { ...p, id: uniqueId(), time: Date.now(), chatType: p.chatType ?? 'singleChat' };
  if (p.type === 'read') out.mid = p.mid ?? p.id;
  if (p.type === 'delivery') out.mid = p.mid ?? p.ackId ?? p.id;
  if (p.type === 'delivery' && !params.chatType) delete out.chatType;
  return out as unknown as CreateMap[P['type']][1];
}

export const message = Object.freeze({ create });
