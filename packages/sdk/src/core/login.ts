/** open() inputs and outputs, and the device id. */
import type { AuthReply } from '@pigeon/protocol';
import { invalid } from './errors.js';
import { uniqueId } from './ids.js';
import { tokenTimes } from './jwt.js';
import type { ResolvedOptions } from './options.js';
import type { PlatformAdapter } from './platform.js';
import type { TokenGrant } from './rest.js';
import type { LoginResult } from './types.js';

export interface OpenParams {
  user: string;
  /** Password: the SDK fetches a token over REST first. */
  pwd?: string;
  /** A token minted by your server (or from an earlier login). */
  accessToken?: string;
}

/** Exactly one of pwd and accessToken is set. */
export interface Credentials {
  user: string;
  pwd?: string;
  accessToken?: string;
}

export function checkOpen(p: OpenParams): Credentials {
  if (!p || typeof p !== 'object') throw invalid('open() needs { user, pwd } or { user, accessToken }');
  if (typeof p.user !== 'string' || !p.user)
    throw invalid('open(): user must be a non-empty string', { field: 'user' });
  const user = p.user.toLowerCase(); // the server lower-cases user names
  if (typeof p.accessToken === 'string' && p.accessToken) return { user, accessToken: p.accessToken };
  if (typeof p.pwd === 'string' && p.pwd) return { user, pwd: p.pwd };
  throw invalid('open(): pass pwd or accessToken', { field: 'pwd' });
}

/** Token validity in ms: from the token endpoint's expires_in, else the JWT's iat/exp. */
export function validityMs(grant: TokenGrant): number | undefined {
  if (grant.expiresIn) return grant.expiresIn * 1000;
  const { iat, exp } = tokenTimes(grant.accessToken);
  return iat !== undefined && exp !== undefined ? (exp - iat) * 1000 : undefined;
}

export function loginResult(grant: TokenGrant, reply: AuthReply): LoginResult {
  const out: LoginResult = { accessToken: grant.accessToken };
  const duration = validityMs(grant);
  if (duration !== undefined) out.duration = duration;
  if (reply.tokenExpiresAt > 0) out.expireTimestamp = reply.tokenExpiresAt;
  return out;
}

let processDeviceId: string | undefined;
const DEVICE_KEY = 'pigeon:deviceId';

/**
 * Easemob's rule: a fixed device id (default) is shared by every connection of this install and kept
 * in storage; otherwise each connection gets its own. A reconnect always reuses its connection's id,
 * so the server replaces the old session instead of counting a new device.
 */
export function deviceIdFor(o: ResolvedOptions, adapter: PlatformAdapter): string {
  if (o.deviceId) return o.deviceId;
  if (!o.isFixedDeviceId) return `${adapter.name}-${uniqueId()}`;
  try {
    const saved = adapter.storage?.get(DEVICE_KEY);
    if (saved) return saved;
  } catch {
    // unreadable storage: fall through to a process-wide id
  }
  processDeviceId ??= `${adapter.name}-${uniqueId()}`;
  try {
    adapter.storage?.set(DEVICE_KEY, processDeviceId);
  } catch {
    // storage full: the id lasts for this process
  }
  return processDeviceId;
}
