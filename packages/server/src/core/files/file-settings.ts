/**
 * Per-app file rules (app settings `files`): size limits and allowed types per kind of upload,
 * types never accepted, thumbnail size, how long an unreferenced upload is kept. The console
 * edits them through the app settings model (issue 6); docs/files.md lists the defaults.
 */
import { PigeonError } from '@pigeon/protocol';

export const FILE_KINDS = ['image', 'audio', 'video', 'file'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export interface FileSettings {
  /** Largest upload per kind, in bytes. */
  maxBytes: Record<FileKind, number>;
  /**
   * MIME types accepted per kind, as sniffed from the bytes (never from the name): exact types,
   * `type/*`, or `*` for any type not blocked.
   */
  allowedTypes: Record<FileKind, string[]>;
  /** Never accepted, whatever allowedTypes say: programs, and markup a browser would run. */
  blockedTypes: string[];
  /** Thumbnails of images fit in this square box, px (Easemob's default is 170). */
  thumbnailSize: number;
  /** An upload no message references is deleted this long after its upload (or its last reference). */
  orphanGraceSeconds: number;
}

export type FileSettingsInput = Partial<Omit<FileSettings, 'maxBytes' | 'allowedTypes'>> & {
  maxBytes?: Partial<Record<FileKind, number>>;
  allowedTypes?: Partial<Record<FileKind, string[]>>;
};

const MiB = 1024 * 1024;

export const DEFAULT_FILE_SETTINGS: FileSettings = Object.freeze({
  maxBytes: Object.freeze({ image: 10 * MiB, audio: 10 * MiB, video: 100 * MiB, file: 10 * MiB }),
  allowedTypes: Object.freeze({
    image: ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/bmp', 'image/heic', 'image/avif'],
    audio: ['audio/*', 'video/mp4', 'video/webm'], // browsers record voice as WebM (Chromium) or MP4
    video: ['video/*'],
    file: ['*'],
  }),
  blockedTypes: [
    'application/x-msdownload',
    'application/x-executable',
    'application/x-mach-binary',
    'application/x-sh',
    'text/html',
    'image/svg+xml',
  ],
  thumbnailSize: 170,
  orphanGraceSeconds: 24 * 3600,
});

/** The app's file rules over the defaults (apps created before files existed have none stored). */
export function mergeFileSettings(base: FileSettings | undefined, patch: FileSettingsInput = {}): FileSettings {
  const b = base ?? DEFAULT_FILE_SETTINGS;
  const defined = <T extends object>(o: T | undefined): Partial<T> =>
    Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
  return {
    ...b,
    ...defined(patch),
    maxBytes: { ...DEFAULT_FILE_SETTINGS.maxBytes, ...b.maxBytes, ...defined(patch.maxBytes) },
    allowedTypes: { ...DEFAULT_FILE_SETTINGS.allowedTypes, ...b.allowedTypes, ...defined(patch.allowedTypes) },
  };
}

const MIME_PATTERN = /^(\*|[a-z0-9][a-z0-9.+-]*\/(\*|[a-z0-9][a-z0-9.+-]*))$/;

export function checkFileSettings(f: FileSettings): void {
  const bad = (path: string, message: string) =>
    new PigeonError('BAD_REQUEST', message, { details: { path: `/files${path}` } });
  for (const k of FILE_KINDS) {
    const max = f.maxBytes[k];
    if (!(Number.isSafeInteger(max) && max > 0))
      throw bad(`/maxBytes/${k}`, `files.maxBytes.${k} must be a positive integer`);
    const types = f.allowedTypes[k];
    if (!Array.isArray(types) || !types.every((t) => typeof t === 'string' && MIME_PATTERN.test(t)))
      throw bad(
        `/allowedTypes/${k}`,
        `files.allowedTypes.${k} must be a list of MIME types (type/subtype, type/* or *)`,
      );
  }
  if (!Array.isArray(f.blockedTypes) || !f.blockedTypes.every((t) => typeof t === 'string' && MIME_PATTERN.test(t)))
    throw bad('/blockedTypes', 'files.blockedTypes must be a list of MIME types');
  if (!(Number.isInteger(f.thumbnailSize) && f.thumbnailSize >= 16 && f.thumbnailSize <= 1024))
    throw bad('/thumbnailSize', 'files.thumbnailSize must be an integer from 16 to 1024');
  if (!(f.orphanGraceSeconds >= 0)) throw bad('/orphanGraceSeconds', 'files.orphanGraceSeconds must be >= 0');
}

const matches = (pattern: string, mime: string): boolean =>
  pattern === '*' || pattern === mime || (pattern.endsWith('/*') && mime.startsWith(pattern.slice(0, -1)));

/** Whether a sniffed MIME type may be uploaded as `kind`. */
export function typeAllowed(f: FileSettings, kind: FileKind, mime: string): boolean {
  if (f.blockedTypes.some((p) => matches(p, mime))) return false;
  return f.allowedTypes[kind].some((p) => matches(p, mime));
}
