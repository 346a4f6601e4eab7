/** What the core is tuned with; config.ts fills it from flags, env and the config file. */
import type { ChatroomLimits } from './chatrooms/room-context.js';
import type { GroupLimits } from './groups/group-context.js';
import type { AbuseOptions } from './abuse/abuse-limits.js';
import type { AppLimits, App } from './types.js';
import type { WebhookOptions } from './webhooks/index.js';

export interface CoreLimits extends AppLimits {
  pullPageMax: number;
  historyPageMax: number;
}

export interface CoreOptions {
  /** 0..1023, part of every message id: distinct per node of a cluster. */
  nodeId: number;
  batch: { windowMs: number; maxSize: number };
  limits: CoreLimits;
  /** scrypt cost N for passwords; only tests lower it. */
  passwordCost?: number;
  groups?: Partial<GroupLimits>;
  chatrooms?: Partial<ChatroomLimits>;
  /** Webhook delivery (poll, backoff, timeout) and the built-in push providers. */
  webhooks?: WebhookOptions;
  /** Login, registration, upload and per-user/per-app send limits (core/abuse). */
  abuse?: Partial<AbuseOptions>;
}

export const DEFAULT_GROUP_LIMITS: GroupLimits = Object.freeze({
  maxUsersCap: 100_000,
  defaultMaxUsers: 200,
  cacheSize: 1000,
});

export const DEFAULT_CHATROOM_LIMITS: ChatroomLimits = Object.freeze({
  graceMs: 30_000,
  historySize: 50,
  maxUsersCap: 100_000,
  defaultMaxUsers: 5000,
  presenceEventsMax: 200,
  cacheSize: 1000,
});

/** The server's limits with the app's own overrides on top. */
export const appLimits = (limits: CoreLimits, app: App): CoreLimits => ({ ...limits, ...app.settings.limits });
