/**
 * send() of an img/audio/video/file message that carries a `file`: upload first (with the
 * message's onFileUpload* callbacks), then fill in what the server returned, as Easemob's SDK
 * does. With useOwnUploadFun the app has uploaded already and passes `url`: nothing happens here.
 */
import { startUpload, type MediaType, type UploadTarget, type UploadTask } from './api/files.js';
import type { AudioMessage, ChatMessage, FileMessage, ImageMessage, VideoMessage } from './types.js';

type MediaMessage = ImageMessage | AudioMessage | VideoMessage | FileMessage;
const MEDIA = new Set(['img', 'audio', 'video', 'file']);

export const isMedia = (m: ChatMessage): m is MediaMessage => MEDIA.has(m.type);

export function needsUpload(m: ChatMessage, ownUpload: boolean): m is MediaMessage {
  return !ownUpload && isMedia(m) && m.file !== undefined && m.file !== null && !m.url && !m.body?.url;
}

export function uploadForMessage(target: UploadTarget, m: MediaMessage): UploadTask {
  const video = m.type === 'video' ? m : undefined;
  const timed = m.type === 'audio' || m.type === 'video' ? m : undefined;
  const task = startUpload(target, {
    file: m.file,
    filename: m.filename,
    type: m.type as MediaType,
    duration: timed?.length,
    width: video?.width,
    height: video?.height,
    retries: m.uploadRetries,
    onFileUploadProgress: m.onFileUploadProgress,
    onFileUploadComplete: m.onFileUploadComplete,
    onFileUploadError: m.onFileUploadError,
    onFileUploadCanceled: m.onFileUploadCanceled,
  });
  const filled = task.then((r) => {
    m.url = r.url;
    m.secret = r.secret;
    if (r.size !== undefined) m.file_length = r.size;
    m.filename ??= r.filename;
    if (m.type === 'img' || m.type === 'video') {
      if (r.width !== undefined) m.width = r.width;
      if (r.height !== undefined) m.height = r.height;
      if (r.thumb !== undefined) m.thumb = r.thumb;
    }
    if (timed && timed.length === undefined && r.duration !== undefined) timed.length = r.duration;
    return r;
  });
  return Object.assign(filled, { cancel: task.cancel, abort: task.cancel });
}
