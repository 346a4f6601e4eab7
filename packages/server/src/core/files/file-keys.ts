/** Blob keys of a file and of its thumbnail, and the file uuids a message body points at. */
export const blobKey = (appId: string, uuid: string): string => `${appId}/${uuid}`;
export const thumbKey = (appId: string, uuid: string): string => `${appId}/${uuid}.thumb`;

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/**
 * Uuids of this app's uploads among the URLs of a message body (`url`, `thumb`): a URL whose path
 * is `/{org}/{app}/chatfiles/{uuid}`, whatever the host (proxies and public URLs differ). URLs of
 * the app's own storage (useOwnUploadFun) are none of ours and are left alone.
 */
export function fileUuidsIn(body: unknown, org: string, app: string): string[] {
  if (typeof body !== 'object' || body === null) return [];
  const { url, thumb } = body as Record<string, unknown>;
  // Most messages (text) carry neither: no pattern is needed for them.
  if (typeof url !== 'string' && typeof thumb !== 'string') return [];
  const re = chatfilePattern(org, app);
  const out = new Set<string>();
  for (const v of [url, thumb]) {
    const m = typeof v === 'string' ? re.exec(v) : null;
    if (m) out.add(m[1]!.toLowerCase());
  }
  return [...out];
}

/** The pattern of one app's chatfile URLs, compiled once per app (a few apps per server). */
const patterns = new Map<string, RegExp>();
function chatfilePattern(org: string, app: string): RegExp {
  const key = `${org}\u0000${app}`;
  let re = patterns.get(key);
  if (!re) {
    const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    re = new RegExp(`^(?:[a-z][a-z0-9+.-]*://[^/?#]*)?/${esc(org)}/${esc(app)}/chatfiles/(${UUID})(?:[?#].*)?$`, 'i');
    if (patterns.size >= 1000) patterns.clear();
    patterns.set(key, re);
  }
  return re;
}
