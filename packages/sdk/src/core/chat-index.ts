/** The platform-neutral public surface of the core-chat entries (`/<platform>/core`); core/index.ts adds the rest. */
export {
  PigeonError,
  ErrorCatalogue,
  isPigeonError,
  CloseCodes,
  type ErrorName,
  type Platform as PlatformName,
} from '@pigeon/protocol';
export {
  Connection as ChatConnection,
  SDK_VERSION,
  type RegisterUserParams,
  type RenewTokenResult,
} from './connection.js';
export type { OpenParams } from './login.js';
export type { ConnectionOptions } from './options.js';
export type { ConnectionState } from './session.js';
export type { RegisterUserResult } from './rest.js';
export type * from './types.js';
export type * from './messages.js';
export type * from './platform.js';
export type { PlatformEntry } from './registry.js';
export type { LocalCache, LocalConversationItem, LocalConversationParams, LocalMessage } from './local-cache-api.js';
export type {
  GetServerConversationsParams,
  DeleteConversationParams,
  GetHistoryMessagesParams,
  RecallMessageParams,
} from './conversations.js';
export { message, create as createMessage } from './messages.js';
export { statusCode } from './sdk-base.js';
export { defineChatSdk } from './chat-sdk.js';
export { socketsInUse } from './socket-registry.js';
export type { Feature, FeatureHost, FeaturePart } from './features.js';
