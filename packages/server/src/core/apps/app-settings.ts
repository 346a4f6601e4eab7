/** App settings: defaults, and merging a partial update onto them. */
import { PigeonError } from '@pigeon/protocol';
import { MULTI_DEVICE_POLICIES, type AppSettings } from '../types.js';
import {
  checkFileSettings,
  DEFAULT_FILE_SETTINGS,
  mergeFileSettings,
  type FileSettingsInput,
} from '../files/file-settings.js';
import {
  checkHookSettings,
  DEFAULT_HOOK_SETTINGS,
  mergeHookSettings,
  type HookSettingsInput,
} from '../webhooks/hook-settings.js';

/** Settings of a new app: closed registration (secure by default), several devices per user. */
export const DEFAULT_APP_SETTINGS: AppSettings = Object.freeze({
  openRegistration: false,
  multiDevice: 'multi',
  maxDevices: 4,
  friendsRequired: false,
  tokenTtlSeconds: 7 * 24 * 3600,
  recallWindowSeconds: 120,
  usersMayCreateChatrooms: false,
  limits: Object.freeze({}),
  files: DEFAULT_FILE_SETTINGS,
  ...DEFAULT_HOOK_SETTINGS,
});

export type AppSettingsInput = Partial<Omit<AppSettings, 'limits' | 'files' | keyof HookSettingsInput>> &
  HookSettingsInput & {
    limits?: Partial<AppSettings['limits']>;
    files?: FileSettingsInput;
  };

export function mergeSettings(base: AppSettings, patch: AppSettingsInput = {}): AppSettings {
  const merged: AppSettings = {
    ...base,
    ...stripUndefined(patch),
    limits: { ...base.limits, ...stripUndefined(patch.limits ?? {}) },
    files: mergeFileSettings(base.files, patch.files),
    ...mergeHookSettings(base, patch),
  };
  checkSettings(merged);
  return merged;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function checkSettings(s: AppSettings): void {
  const bad = (path: string, message: string) => new PigeonError('BAD_REQUEST', message, { details: { path } });
  if (!MULTI_DEVICE_POLICIES.includes(s.multiDevice))
    throw bad('/multiDevice', `multiDevice must be one of ${MULTI_DEVICE_POLICIES.join(', ')}`);
  if (!(Number.isInteger(s.maxDevices) && s.maxDevices > 0))
    throw bad('/maxDevices', 'maxDevices must be a positive integer');
  if (!(s.tokenTtlSeconds > 0)) throw bad('/tokenTtlSeconds', 'tokenTtlSeconds must be positive');
  if (!(s.recallWindowSeconds >= 0)) throw bad('/recallWindowSeconds', 'recallWindowSeconds must be >= 0');
  for (const [k, v] of Object.entries(s.limits)) {
    if (!(typeof v === 'number' && v > 0)) throw bad(`/limits/${k}`, `limits.${k} must be a positive number`);
  }
  checkFileSettings(s.files);
  checkHookSettings(s);
}
