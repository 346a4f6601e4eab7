/**
 * Easemob's `utils.uploadFile` / `utils.download`, which take the token and appKey in their
 * options instead of a connection, plus `getDownloadUrl` for <image>/<video> src attributes.
 */
import type { Platform as PlatformName } from '@pigeon/protocol';
import { invalid } from '../errors.js';
import type { PlatformAdapter } from '../platform.js';
import { resolvePlatform, type PlatformEntry } from '../registry.js';
import { getDownloadUrl, startDownload, startUpload, type DownloadParams, type UploadParams } from './files.js';

export interface UtilsUploadParams extends UploadParams {
  accessToken: string;
  appKey: string;
  /** REST base, e.g. https://im.example.com. */
  apiUrl?: string;
  /** The full upload URL instead (Easemob's uploadUrl): `.../{org}/{app}/chatfiles`. */
  uploadUrl?: string;
  platform?: PlatformAdapter | PlatformName;
}

function baseOf(p: UtilsUploadParams): string {
  if (p.uploadUrl) return p.uploadUrl.replace(/\/chatfiles\/?$/, '');
  const [org, app] = typeof p.appKey === 'string' ? p.appKey.split('#') : [];
  if (!p.apiUrl || !org || !app)
    throw invalid('uploadFile() needs apiUrl and appKey (or uploadUrl)', { field: 'apiUrl' });
  return `${p.apiUrl.replace(/\/+$/, '')}/${encodeURIComponent(org)}/${encodeURIComponent(app)}`;
}

export function fileUtils(platforms: readonly PlatformEntry[]) {
  return {
    uploadFile(p: UtilsUploadParams) {
      if (!p || typeof p.accessToken !== 'string')
        throw invalid('uploadFile() needs accessToken', { field: 'accessToken' });
      const adapter = resolvePlatform(p.platform, platforms);
      return startUpload({ adapter, base: baseOf(p), token: () => p.accessToken }, p);
    },
    download(p: DownloadParams & { platform?: PlatformAdapter | PlatformName }) {
      return startDownload(resolvePlatform(p?.platform, platforms), p);
    },
    getDownloadUrl,
  };
}
