/** Records the core works with. Plain data: the store maps rows to these and back. */
import type { Platform } from '@pigeon/protocol';
import type { FileSettings } from './files/file-settings.js';
import type { HookSettings } from './webhooks/hook-settings.js';

/** `refuse-new`: up to `maxDevices` devices at once; a login from one more is refused (TOO_MANY_DEVICES). */
export type MultiDevicePolicy = 'single' | 'per-platform' | 'multi' | 'refuse-new';
export const MULTI_DEVICE_POLICIES: readonly MultiDevicePolicy[] = ['single', 'per-platform', 'multi', 'refuse-new'];

/** Per-app limits; anything left out falls back to the server's configured limits. */
export interface AppLimits {
  maxMessageBytes: number;
  sendsPerSecond: number;
}

/** `webhooks`, `moderation`, `push`: docs/webhooks.md. */
export interface AppSettings extends HookSettings {
  /** Anyone may create users over REST without an admin token (Easemob's "open registration"). */
  openRegistration: boolean;
  multiDevice: MultiDevicePolicy;
  /** Devices a user may have logged in at once under the `refuse-new` policy (Easemob's device limit). */
  maxDevices: number;
  /** Refuse 1:1 messages between users who are not friends. */
  friendsRequired: boolean;
  /** Default lifetime of tokens issued over REST when the request gives no `ttl`. */
  tokenTtlSeconds: number;
  /** How long after sending a message its sender may recall it. */
  recallWindowSeconds: number;
  /** Any user may create chatrooms from the SDK (otherwise only chatroom super admins, as on Easemob). */
  usersMayCreateChatrooms: boolean;
  limits: Partial<AppLimits>;
  /** Upload limits and allowed types (docs/files.md). */
  files: FileSettings;
}

export interface App {
  /** Internal id (a UUID): Easemob's `application` field. */
  id: string;
  org: string;
  name: string;
  /** `org#name`. */
  appKey: string;
  clientId: string;
  clientSecret: string;
  settings: AppSettings;
  createdAt: number;
}

export interface UserRecord {
  appId: string;
  username: string;
  uuid: string;
  /** Null for users that only ever log in with tokens minted by the app's backend. */
  passwordHash: string | null;
  nickname: string | null;
  activated: boolean;
  /** Bumped on password change and deactivation: tokens carrying an older `ver` are revoked. */
  tokenVersion: number;
  /** Tokens without a `ver` claim (minted offline) issued before this time (s since epoch) are revoked. */
  revokedBefore: number;
  createdAt: number;
  modifiedAt: number;
}

/** Who is calling the core: a user on a connection, a user over REST, or the app's admin. */
export interface Caller {
  app: App;
  user: string;
  /** The gateway session that made the call: it does not get its own echo. */
  sessionId?: string;
  /** The app's backend (REST with the admin token): may do anything a group or room owner may. */
  admin?: boolean;
}

export interface SessionInfo {
  id: string;
  appId: string;
  user: string;
  deviceId: string;
  platform: Platform;
}
