/**
 * Headers of a served file. Uploaded bytes are never trusted as a page of our origin: the type is
 * the sniffed one with `nosniff`, only images, audio and video are shown inline, everything else
 * is an attachment, and a sandboxing CSP stops an HTML or SVG file from running script even when
 * opened directly.
 */
import type { FastifyReply } from 'fastify';
import type { FileRecord } from '../core/index.js';
import { contentDisposition } from './content-disposition.js';

const INLINE = /^(image\/(jpeg|png|gif|webp|bmp|avif|heic)|audio\/.+|video\/.+)$/;
export const FILE_CSP = "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox";

export function fileHeaders(reply: FastifyReply, f: FileRecord, mime: string, thumbnail: boolean): void {
  void reply
    .header('content-type', mime)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', FILE_CSP)
    .header('content-disposition', contentDisposition(thumbnail ? `thumb-${f.name}` : f.name, INLINE.test(mime)))
    .header('accept-ranges', 'bytes')
    .header('etag', `"${f.sha256.slice(0, 32)}${thumbnail ? '-t' : ''}"`)
    // The uuid never names other bytes; the secret may sit in the URL, so shared caches keep nothing.
    .header('cache-control', 'private, max-age=86400, immutable')
    .header('access-control-expose-headers', 'content-length, content-range, content-disposition, accept-ranges, etag');
}
