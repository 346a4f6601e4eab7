/**
 * What an upload's bytes say about themselves: an image's size and thumbnail (decoded, so a
 * file that only starts like an image is refused), an audio or video file's duration where the
 * header shows it cheaply (checked against the client's).
 */
import { PigeonError } from '@pigeon/protocol';
import type { StagedBlob } from '../ports/blobs.js';
import type { FileRecord } from '../ports/files.js';
import type { ImageInfo, ImageProcessor } from '../ports/images.js';
import type { FileSettings } from './file-settings.js';
import { plausibleDuration, readDuration } from './media-duration.js';

/** Formats the image library decodes; others (BMP, HEIC) are kept without size or thumbnail. */
const DECODABLE = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/avif']);

export interface ProbeInput {
  mime: string;
  head: Uint8Array;
  thumbBox?: number;
  duration?: number;
  width?: number;
  height?: number;
}

export interface Probed {
  fields: Pick<FileRecord, 'width' | 'height' | 'duration'>;
  thumb?: NonNullable<ImageInfo['thumb']>;
}

export async function probeMedia(
  images: ImageProcessor,
  staged: StagedBlob,
  input: ProbeInput,
  settings: FileSettings,
): Promise<Probed> {
  if (DECODABLE.has(input.mime)) return probeImage(images, staged, input, settings);
  const fields: Probed['fields'] = {};
  if (input.mime.startsWith('audio/') || input.mime.startsWith('video/')) {
    const measured = readDuration(input.mime, input.head, staged.size);
    if (input.duration !== undefined && measured !== undefined && !plausibleDuration(input.duration, measured))
      throw new PigeonError(
        'BAD_REQUEST',
        `duration ${input.duration} s, but the file lasts ${measured.toFixed(1)} s.`,
        {
          details: { path: '/duration', measured },
        },
      );
    const duration = input.duration ?? measured;
    if (duration !== undefined) fields.duration = Math.round(duration * 1000) / 1000;
  }
  if (input.mime.startsWith('video/') && input.width !== undefined && input.height !== undefined) {
    fields.width = input.width;
    fields.height = input.height;
  }
  return { fields };
}

async function probeImage(
  images: ImageProcessor,
  staged: StagedBlob,
  input: ProbeInput,
  settings: FileSettings,
): Promise<Probed> {
  const box = input.thumbBox ?? settings.thumbnailSize;
  let info: ImageInfo;
  try {
    info = await images.process(staged.localPath ? { path: staged.localPath } : { stream: staged.read() }, box);
  } catch (e) {
    throw new PigeonError('FILE_TYPE_NOT_ALLOWED', `The bytes start like ${input.mime} but do not decode as one.`, {
      cause: e,
      details: { mime: input.mime },
    });
  }
  const fields = { width: info.width, height: info.height };
  return info.thumb ? { fields, thumb: info.thumb } : { fields };
}
