/**
 * PROVISION, the msync login: the access token (from POST /{org}/{app}/token or minted by the app's
 * backend) in `auth` as "$t$<token>" and again in Provision.authToken; the SDK's resource names the device.
 */
import { PigeonError, type Platform } from '@pigeon/protocol';
import type { Core } from '../../core/index.js';
import type { App } from '../../core/types.js';
import { T, decode, ok, type Plain, type Status } from './codec.js';
import { TOKEN_USER_MISMATCH, loginStatus } from './status-map.js';

export interface Provisioned {
  app: App;
  user: string;
  resource: string;
  platform: Platform;
  /** The Provision reply. */
  reply: Plain;
  /** Drops the login's hold on a device slot (refuse-new): once the session joined, or it failed. */
  release(): void;
}

/** setTimeout overflows past 2^31 ms: the SDK's expiry timers are only armed for tokens expiring sooner. */
const MAX_TIMER_MS = 2 ** 31 - 1;

function tokenOf(msg: Plain, p: Plain): string {
  const auth = typeof msg.auth === 'string' ? msg.auth : '';
  if (auth) return auth.replace(/^\$t\$/, '');
  try {
    const t = (JSON.parse(String(p.authToken ?? '{}')) as { token?: unknown }).token;
    return typeof t === 'string' ? t.replace(/^\$t\$/, '') : '';
  } catch {
    return '';
  }
}

/** The resource format `webim_<platform>_<id>` tells which build logged in. */
function platformOf(resource: string): Platform {
  if (resource.includes('_wx_')) return 'wechat';
  if (resource.includes('_uni')) return 'uniapp';
  if (resource.includes('_web_') || resource.includes('_random_web')) return 'web';
  return 'other';
}

export async function provision(core: Core, msg: Plain): Promise<Provisioned | { status: Status }> {
  const p = decode(T.Provision, (msg.payload as Uint8Array | undefined) ?? new Uint8Array());
  const guid = (msg.guid ?? {}) as Plain;
  try {
    const token = tokenOf(msg, p);
    if (!token) throw new PigeonError('TOKEN_INVALID', 'No token in PROVISION.');
    const app = await core.apps.get(String(guid.appKey ?? ''));
    const principal = await core.auth.authenticate(token, app);
    if (principal.kind !== 'user') return { status: TOKEN_USER_MISMATCH };
    const user = principal.user.username;
    if (String(guid.name ?? '').toLowerCase() !== user) return { status: TOKEN_USER_MISMATCH };
    const resource = String(p.resource || guid.clientResource || `webim_${Date.now()}`).slice(0, 128);
    const release = await core.hub.admit(app, user, resource);
    const reply: Plain = { status: ok(), resource, sessionId: p.sessionId ?? '' };
    if (principal.expiresAt - Date.now() < MAX_TIMER_MS)
      reply.authToken = JSON.stringify({ expires_in: principal.expiresAt });
    return { app, user, resource, platform: platformOf(resource), reply, release };
  } catch (e) {
    return { status: loginStatus(e) };
  }
}
