/** Which existing sessions a new login replaces, by the app's multi-device policy (docs/protocol.md). */
import type { Platform } from '@pigeon/protocol';
import type { MultiDevicePolicy } from '../types.js';

export interface NewLogin {
  session: string;
  deviceId: string;
  platform: Platform;
  policy: MultiDevicePolicy;
}

/** `replace`: same device reconnecting, closed quietly; `kick`: another device, told why. */
export type PolicyVerdict = 'keep' | 'replace' | 'kick';

export function verdictFor(
  existing: { id: string; deviceId: string; platform: Platform },
  login: NewLogin,
): PolicyVerdict {
  if (existing.id === login.session) return 'keep';
  if (existing.deviceId === login.deviceId) return 'replace';
  if (login.policy === 'single') return 'kick';
  if (login.policy === 'per-platform' && existing.platform === login.platform) return 'kick';
  return 'keep';
}
