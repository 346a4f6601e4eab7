/** The core's public surface for the edges (http, gateway, cli, server wiring). */
export { createCore, type Core, type CoreDeps } from './create-core.js';
export type { CoreOptions, CoreLimits } from './options.js';
export { appLimits } from './options.js';
export type * from './types.js';
export type * from './ports/index.js';
export { systemClock } from './ports/clock.js';
export { silentLogger } from './ports/logger.js';
export type { SessionLink } from './sessions/session-link.js';
export type { Principal, IssuedToken } from './auth/auth-service.js';
export { mintUserToken, type MintUserTokenOptions } from './auth/tokens.js';
export { parseDurationSeconds } from './auth/duration.js';
export { DEFAULT_APP_SETTINGS, type AppSettingsInput } from './apps/app-settings.js';
export type { CreateAppInput } from './apps/app-service.js';
export { normalizeUsername } from './users/usernames.js';
export { OutgoingMessageSchema, BodySchemas } from './messages/message-schema.js';
export { uuid } from './ids.js';
export { sameSecret, type SignIn } from './console/console-service.js';
export { APP_SETTING_FIELDS, type SettingField } from './apps/app-settings-fields.js';
export { adminHistory, type AdminHistoryQuery, type AdminHistoryPage } from './messages/admin-history.js';
export { FileService, type UploadInput, type FileAccess } from './files/file-service.js';
export {
  FILE_KINDS,
  DEFAULT_FILE_SETTINGS,
  type FileKind,
  type FileSettings,
  type FileSettingsInput,
} from './files/file-settings.js';
export { verifyWebhook, signWebhook, WEBHOOK_HEADERS, type VerifyWebhookInput } from './webhooks/signature.js';
export {
  WEBHOOK_EVENTS,
  type WebhookEventType,
  type HookSettings,
  type HookSettingsInput,
} from './webhooks/hook-settings.js';
