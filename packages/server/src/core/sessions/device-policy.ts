/** Which existing sessions a new login replaces, by the app's multi-device policy (docs/protocol.md). */
import { PigeonError, type Platform } from '@pigeon/protocol';
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

/**
 * Under `refuse-new`, a login from a device beyond the app's limit is refused (the same device
 * reconnecting is not counted: it replaces itself). Counts devices on every node.
 */
export function checkDeviceLimit(
  devices: ReadonlyArray<{ deviceId: string }>,
  deviceId: string,
  settings: { multiDevice: MultiDevicePolicy; maxDevices: number },
): void {
  if (settings.multiDevice !== 'refuse-new') return;
  const others = new Set(devices.map((d) => d.deviceId).filter((d) => d !== deviceId));
  if (others.size >= settings.maxDevices)
    throw new PigeonError('TOO_MANY_DEVICES', `At most ${settings.maxDevices} devices may be logged in at once.`);
}
