/** @pigeon/server: the Pigeon IM server, as a library (startServer) and a CLI (`pigeon`, see cli.ts). */
export { startServer, type StartOptions, type PigeonServer, type AppCredentials } from './server.js';
export type { RegisteredRoute } from './http/build-http.js';
export {
  loadConfig,
  DEFAULT_CONFIG,
  type PigeonConfig,
  type ConfigInput,
  type LogLevel,
  type Durability,
} from './config.js';
export { mintUserToken, parseDurationSeconds, type MintUserTokenOptions, type AppSettingsInput } from './core/index.js';
export type { App, AppSettings, MultiDevicePolicy } from './core/types.js';
export {
  verifyWebhook,
  signWebhook,
  WEBHOOK_HEADERS,
  WEBHOOK_EVENTS,
  type VerifyWebhookInput,
  type WebhookEventType,
  type PushProvider,
  type PushNotice,
} from './core/index.js';
