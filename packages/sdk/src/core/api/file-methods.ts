/** The file calls on `connection`: uploads with its token, downloads with a file's secret. */
import { invalid } from '../errors.js';
import type { FeatureHost } from '../features.js';
import { ApiHost } from './context.js';
import {
  startDownload,
  startUpload,
  type DownloadParams,
  type DownloadResult,
  type UploadParams,
  type UploadTask,
} from './files.js';

/** Per connection: its host, and the uploads of messages being sent (by local message id). */
export interface FileState {
  host: FeatureHost;
  uploads: Map<string, UploadTask>;
}

const states = new WeakMap<object, FileState>();

export function bindFiles(conn: object, state: FileState): void {
  states.set(conn, state);
}

function stateOf(conn: object): FileState {
  const s = states.get(conn);
  if (!s) throw invalid('Call this on a connection instance');
  return s;
}

export class FileMethods extends ApiHost {
  /** Stops the upload of a media message being sent: its send() rejects with UPLOAD_CANCELLED. */
  cancelUpload(msgOrId: { id: string } | string): boolean {
    const task = stateOf(this).uploads.get(typeof msgOrId === 'string' ? msgOrId : msgOrId?.id);
    task?.cancel();
    return task !== undefined;
  }

  /** Uploads a file with this connection's token (Easemob's utils.uploadFile, bound to the login). */
  uploadFile(p: UploadParams): UploadTask {
    return startUpload(stateOf(this).host.fileTarget(), p);
  }

  /** Downloads a received file with its secret: a temp file path on mini-programs, the bytes elsewhere. */
  downloadFile(p: DownloadParams): Promise<DownloadResult> & { abort(): void } {
    return startDownload(stateOf(this).host.adapter, p);
  }
}
