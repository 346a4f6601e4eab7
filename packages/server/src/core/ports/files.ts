import type { FileKind } from '../files/file-settings.js';

/** An uploaded file (docs/files.md). Its bytes are blobs `appId/uuid` and, for images, `appId/uuid.thumb`. */
export interface FileRecord {
  appId: string;
  uuid: string;
  /** Easemob's share-secret: whoever has it may download. */
  secret: string;
  /** Uploaded with `restrict-access`: only the secret (or the app admin) opens it, not any token of the app. */
  restricted: boolean;
  /** User who uploaded it, or `admin`. */
  owner: string;
  kind: FileKind;
  /** Sniffed from the bytes. */
  mime: string;
  /** Sanitized original name, for Content-Disposition. */
  name: string;
  size: number;
  sha256: string;
  width?: number;
  height?: number;
  /** Seconds (audio, video). */
  duration?: number;
  thumb?: { mime: string; size: number; width: number; height: number };
  createdAt: number;
  /** Upload time, bumped when a message about to be sent uses it or a message using it goes away. */
  touchedAt: number;
}

export interface FileRepository {
  insert(f: FileRecord): Promise<void>;
  get(appId: string, uuid: string): Promise<FileRecord | undefined>;
  /** Bumps touchedAt of the files that exist; returns their uuids. */
  touch(appId: string, uuids: string[], ts: number): Promise<string[]>;
  /** Drops the references of these messages (recalled, deleted) and bumps the files' touchedAt. */
  release(appId: string, msgIds: string[], ts: number): Promise<void>;
  /** Messages referencing the file. */
  refCount(appId: string, uuid: string): Promise<number>;
  /** Files of the app no message references, last touched at or before `before`. */
  orphans(appId: string, before: number, limit: number): Promise<FileRecord[]>;
  /**
   * Deletes the row; with `orphanBefore`, only if no message references it and it was last touched
   * at or before then (checked in the same statement, so a send claiming it meanwhile wins). False when
   * nothing was deleted.
   */
  delete(appId: string, uuid: string, orphanBefore?: number): Promise<boolean>;
}
