/**
 * The public addresses of each region, and the domain whitelists each mini-program platform's
 * console asks for (request, socket, uploadFile, downloadFile), as the integration guides list them.
 */
import type { Region } from '../../config.js';

export interface RegionAddresses extends Region {
  uploadUrl: string;
  downloadUrl: string;
  whitelist: { request: string[]; socket: string[]; uploadFile: string[]; downloadFile: string[] };
}

const origin = (url: string) => new URL(url).origin;
const unique = (xs: string[]) => [...new Set(xs)];

export function defaultRegions(httpUrl: string): Region[] {
  return [{ name: 'default', restUrl: httpUrl, wsUrl: `${httpUrl.replace(/^http/, 'ws')}/ws` }];
}

export function regionAddresses(r: Region, org: string, app: string): RegionAddresses {
  const rest = r.restUrl.replace(/\/+$/, '');
  const files = (r.fileUrl ?? rest).replace(/\/+$/, '');
  const chatfiles = `${files}/${encodeURIComponent(org)}/${encodeURIComponent(app)}/chatfiles`;
  return {
    ...r,
    restUrl: rest,
    uploadUrl: chatfiles,
    downloadUrl: `${chatfiles}/{uuid}`,
    whitelist: {
      request: unique([origin(rest)]),
      socket: unique([origin(r.wsUrl)]),
      uploadFile: unique([origin(files)]),
      downloadFile: unique([origin(files)]),
    },
  };
}
