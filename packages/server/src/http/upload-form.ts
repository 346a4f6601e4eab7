/**
 * What a chatfiles upload says besides its bytes: Easemob's headers (`restrict-access`,
 * `thumbnail-width`/`-height`) and Pigeon's optional form fields sent before the file (`type`,
 * `duration`, `width`, `height`); and the multipart parser's failures as catalogue errors.
 */
import { PigeonError } from '@pigeon/protocol';
import type { FastifyRequest } from 'fastify';
import type { FileKind } from '../core/index.js';

const KINDS: Record<string, FileKind> = { img: 'image', image: 'image', audio: 'audio', video: 'video', file: 'file' };

export interface UploadMeta {
  kind?: FileKind;
  restricted: boolean;
  thumbBox?: number;
  duration?: number;
  width?: number;
  height?: number;
}

type Fields = Record<string, unknown>;

function field(fields: Fields, name: string): string | undefined {
  const f = fields[name];
  const one = Array.isArray(f) ? f[0] : f;
  const v = (one as { value?: unknown } | undefined)?.value;
  return typeof v === 'string' ? v : undefined;
}

function number(raw: string | undefined, path: string, max: number): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || n > max)
    throw new PigeonError('BAD_REQUEST', `${path.slice(1)} must be a number from 0 to ${max}.`, { details: { path } });
  return n;
}

const header = (req: FastifyRequest, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

export function uploadMeta(req: FastifyRequest, fields: Fields): UploadMeta {
  const type = field(fields, 'type');
  if (type !== undefined && !KINDS[type])
    throw new PigeonError('BAD_REQUEST', 'type must be img, audio, video or file.', { details: { path: '/type' } });
  const restrict = header(req, 'restrict-access');
  const tw = number(header(req, 'thumbnail-width'), '/thumbnail-width', 1024);
  const th = number(header(req, 'thumbnail-height'), '/thumbnail-height', 1024);
  const box = Math.max(tw ?? 0, th ?? 0);
  const meta: UploadMeta = {
    // Easemob: the header's presence restricts the file; only an explicit false does not.
    restricted: restrict !== undefined && !/^(false|0)$/i.test(restrict.trim()),
    duration: number(field(fields, 'duration'), '/duration', 24 * 3600),
    width: number(field(fields, 'width'), '/width', 100_000),
    height: number(field(fields, 'height'), '/height', 100_000),
  };
  if (type) meta.kind = KINDS[type];
  if (box) meta.thumbBox = Math.max(16, Math.round(box));
  return meta;
}

const BY_CODE: Record<string, (e: Error) => PigeonError> = {
  FST_REQ_FILE_TOO_LARGE: (e) => new PigeonError('FILE_TOO_LARGE', 'The file exceeds the size limit.', { cause: e }),
  FST_INVALID_MULTIPART_CONTENT_TYPE: (e) =>
    new PigeonError('BAD_REQUEST', 'Send the file as multipart/form-data.', { cause: e }),
  FST_FILES_LIMIT: (e) => new PigeonError('BAD_REQUEST', 'Send one file per upload.', { cause: e }),
  FST_PARTS_LIMIT: (e) => new PigeonError('BAD_REQUEST', 'Too many form parts.', { cause: e }),
  FST_FIELDS_LIMIT: (e) => new PigeonError('BAD_REQUEST', 'Too many form fields.', { cause: e }),
};

/** A failure while the body streamed in: the client's fault (cut off, malformed) unless it is a typed error. */
export function uploadError(e: unknown, req: FastifyRequest): unknown {
  if (e instanceof PigeonError) return e;
  const err = e as Error & { code?: string };
  const mapped = err.code ? BY_CODE[err.code] : undefined;
  if (mapped) return mapped(err);
  const cut = /unexpected end|aborted|premature|ECONNRESET|closed/i.test(`${err.message} ${err.code ?? ''}`);
  if (cut || req.raw.destroyed || req.raw.readableAborted)
    return new PigeonError('UPLOAD_INCOMPLETE', 'The upload was cut off before the whole file arrived.', { cause: e });
  return e;
}

/** Reads and throws away what is left of the file part, so the error response reaches the client. */
export async function discard(stream: AsyncIterable<unknown>): Promise<void> {
  try {
    for await (const _ of stream);
  } catch {
    // Already failed: nothing left to read.
  }
}
