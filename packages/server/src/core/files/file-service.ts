/**
 * Uploads, access checks, reads and clean-up of chat files. The bytes stream through a meter
 * into the blob store's staging area and become visible only after every check passed and the
 * row is stored; any failure on the way leaves neither bytes nor row behind.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Readable } from 'node:stream';
import { PigeonError } from '@pigeon/protocol';
import type { Principal } from '../auth/auth-service.js';
import type { AppRepository } from '../ports/apps.js';
import type { BlobStore, ByteRange, StagedBlob } from '../ports/blobs.js';
import type { Clock } from '../ports/clock.js';
import type { FileRecord, FileRepository } from '../ports/files.js';
import type { ImageProcessor } from '../ports/images.js';
import type { Logger } from '../ports/logger.js';
import type { App } from '../types.js';
import { uuid as newUuid } from '../ids.js';
import { blobKey, thumbKey } from './file-keys.js';
import { sanitizeFileName } from './file-names.js';
import { mergeFileSettings, typeAllowed, type FileKind } from './file-settings.js';
import { probeMedia } from './probe-media.js';
import { kindOfMime, nameMatches, sniffMime } from './sniff.js';
import { meter, readHead } from './upload-stream.js';

/** Enough for every magic number and for an MP4 `moov` placed first. */
const HEAD_BYTES = 64 * 1024;
/** Staged bytes older than this are leftovers of a crash. */
const STAGED_MAX_AGE_MS = 3600_000;
const SWEEP_PAGE = 500;

export interface FileServiceDeps {
  files: FileRepository;
  apps: AppRepository;
  blobs: BlobStore;
  images: ImageProcessor;
  clock: Clock;
  logger: Logger;
}

export interface UploadInput {
  app: App;
  /** Uploading user, or `admin`. */
  owner: string;
  body: AsyncIterable<Uint8Array>;
  filename?: string;
  /** What the client says it uploads; default: from the bytes. */
  kind?: FileKind;
  restricted: boolean;
  /** Thumbnail box (Easemob's thumbnail-width/-height); default the app's setting. */
  thumbBox?: number;
  /** Seconds, from the client (audio, video). */
  duration?: number;
  width?: number;
  height?: number;
}

export interface FileAccess {
  principal?: Principal;
  secret?: string;
}

const refuse = (message: string, details: Record<string, unknown>) =>
  new PigeonError('FILE_TYPE_NOT_ALLOWED', message, { details });

export class FileService {
  readonly #d: FileServiceDeps;

  constructor(deps: FileServiceDeps) {
    this.#d = deps;
  }

  /** The app's largest per-kind limit: the multipart parser's hard stop. */
  maxUploadBytes(app: App): number {
    return Math.max(...Object.values(mergeFileSettings(app.settings.files).maxBytes));
  }

  async upload(input: UploadInput): Promise<FileRecord> {
    const settings = mergeFileSettings(input.app.settings.files);
    const name = sanitizeFileName(input.filename);
    const head = await readHead(input.body, HEAD_BYTES);
    const mime = sniffMime(head.bytes);
    const kind = input.kind ?? kindOfMime(mime);
    if (!nameMatches(name, mime))
      throw refuse(`The name says ${name.split('.').pop()} but the bytes are ${mime}.`, { mime, name });
    if (!typeAllowed(settings, kind, mime))
      throw refuse(`This app does not accept ${mime} as ${kind}.`, { mime, kind });
    const metered = meter(head, settings.maxBytes[kind]);
    const staged = await this.#d.blobs.stage(metered);
    let thumb: StagedBlob | undefined;
    try {
      const media = await probeMedia(this.#d.images, staged, { ...input, mime, head: head.bytes }, settings);
      thumb = media.thumb && (await this.#d.blobs.stage(once(media.thumb.bytes)));
      const now = this.#d.clock.now();
      const record: FileRecord = {
        appId: input.app.id,
        uuid: newUuid(),
        secret: randomBytes(24).toString('base64url'),
        restricted: input.restricted,
        owner: input.owner,
        kind,
        mime,
        name,
        size: metered.size,
        sha256: metered.sha256,
        ...media.fields,
        createdAt: now,
        touchedAt: now,
      };
      if (media.thumb) {
        const { bytes, ...t } = media.thumb;
        record.thumb = { ...t, size: bytes.length };
      }
      await this.#publish(record, staged, thumb);
      return record;
    } catch (e) {
      await staged.abort();
      await thumb?.abort();
      throw e;
    }
  }

  /** Row first, then the bytes: a crash in between leaves a row without bytes (swept), never stray bytes. */
  async #publish(record: FileRecord, staged: StagedBlob, thumb: StagedBlob | undefined): Promise<void> {
    await this.#d.files.insert(record);
    try {
      await staged.commit(blobKey(record.appId, record.uuid));
      await thumb?.commit(thumbKey(record.appId, record.uuid));
    } catch (e) {
      await this.#d.files.delete(record.appId, record.uuid);
      await this.#d.blobs.delete(blobKey(record.appId, record.uuid));
      throw e;
    }
  }

  async get(app: App, uuid: string): Promise<FileRecord> {
    const f = /^[0-9a-f-]{36}$/i.test(uuid) ? await this.#d.files.get(app.id, uuid.toLowerCase()) : undefined;
    if (!f) throw new PigeonError('FILE_NOT_FOUND', `No file ${uuid} in ${app.appKey}.`);
    return f;
  }

  /** The secret opens any file; the admin too; any token of the app opens files uploaded without restrict-access. */
  authorize(f: FileRecord, access: FileAccess): void {
    if (access.secret !== undefined && sameSecret(access.secret, f.secret)) return;
    if (access.principal?.kind === 'admin') return;
    if (access.principal && !f.restricted) return;
    throw new PigeonError(
      'FILE_ACCESS_DENIED',
      f.restricted ? 'This file needs its share-secret.' : 'Send the share-secret or a token of this app.',
    );
  }

  /** The bytes of the file or its thumbnail (images whose original fits the box have none: the original). */
  async read(f: FileRecord, thumbnail: boolean, range?: ByteRange): Promise<Readable> {
    const useThumb = thumbnail && f.thumb !== undefined;
    const key = useThumb ? thumbKey(f.appId, f.uuid) : blobKey(f.appId, f.uuid);
    if ((await this.#d.blobs.size(key)) === undefined)
      throw new PigeonError('FILE_NOT_FOUND', `The bytes of file ${f.uuid} are gone.`);
    return this.#d.blobs.read(key, range);
  }

  /** Checks the files a message is about to reference exist, and keeps the sweeper off them meanwhile. */
  async claim(app: App, uuids: string[]): Promise<void> {
    if (!uuids.length) return;
    const found = await this.#d.files.touch(app.id, uuids, this.#d.clock.now());
    const missing = uuids.filter((u) => !found.includes(u));
    if (missing.length)
      throw new PigeonError('FILE_NOT_FOUND', `No file ${missing.join(', ')} in ${app.appKey}.`, {
        details: { files: missing },
      });
  }

  /** Messages went away (recall, deletion): their files lose a reference, and are swept once they have none. */
  release(appId: string, msgIds: string[]): Promise<void> {
    return msgIds.length ? this.#d.files.release(appId, msgIds, this.#d.clock.now()) : Promise.resolve();
  }

  /** Deletes files no message references, once the app's grace period passed; and crash leftovers. */
  async sweep(): Promise<number> {
    const now = this.#d.clock.now();
    let removed = 0;
    for (const app of await this.#d.apps.list()) {
      const before = now - mergeFileSettings(app.settings.files).orphanGraceSeconds * 1000;
      for (const f of await this.#d.files.orphans(app.id, before, SWEEP_PAGE)) {
        if (!(await this.#d.files.delete(app.id, f.uuid, before))) continue;
        await this.#d.blobs.delete(blobKey(app.id, f.uuid));
        if (f.thumb) await this.#d.blobs.delete(thumbKey(app.id, f.uuid));
        removed++;
      }
    }
    const staged = await this.#d.blobs.sweepStaged(STAGED_MAX_AGE_MS);
    if (removed || staged) this.#d.logger.info({ removed, staged }, 'swept unreferenced files');
    return removed;
  }
}

function sameSecret(given: string, actual: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(actual);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}
