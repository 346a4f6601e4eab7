/** A stored file as the upload response's entity: Easemob's { uuid, type, share-secret } and Pigeon's extras. */
import type { FileRecord } from '../core/index.js';

export function fileUrl(base: string, org: string, app: string, uuid: string): string {
  return `${base}/${org}/${app}/chatfiles/${uuid}`;
}

export function fileEntity(f: FileRecord, url: string): Record<string, unknown> {
  const e: Record<string, unknown> = {
    uuid: f.uuid,
    type: 'chatfile',
    'share-secret': f.secret,
    url,
    filename: f.name,
    fileType: f.kind,
    contentType: f.mime,
    size: f.size,
    sha256: f.sha256,
    restrictAccess: f.restricted,
    created: f.createdAt,
  };
  if (f.width !== undefined) e.width = f.width;
  if (f.height !== undefined) e.height = f.height;
  if (f.duration !== undefined) e.duration = f.duration;
  if (f.kind === 'image' && f.width !== undefined) {
    e.thumb = `${url}?thumbnail=true`;
    e.thumbnailWidth = f.thumb?.width ?? f.width;
    e.thumbnailHeight = f.thumb?.height ?? f.height;
  }
  return e;
}
