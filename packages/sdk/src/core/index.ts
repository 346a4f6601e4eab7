/** The platform-neutral public surface, re-exported by every entry point. */
export {
  PigeonError,
  ErrorCatalogue,
  isPigeonError,
  CloseCodes,
  type ErrorName,
  type Platform as PlatformName,
} from '@pigeon/protocol';
export { Connection, SDK_VERSION, type RegisterUserParams, type RenewTokenResult } from './connection.js';
export type { OpenParams } from './login.js';
export type { ConnectionOptions } from './options.js';
export type { ConnectionState } from './session.js';
export type { RegisterUserResult } from './rest.js';
export type * from './types.js';
export type * from './api/social-types.js';
export type {
  CreateGroupParams,
  CreateGroupVNextParams,
  ModifyGroupParams,
  GetJoinedGroupsParams,
} from './api/groups.js';
export type * from './messages.js';
export type * from './platform.js';
export type { PlatformEntry } from './registry.js';
export type {
  UploadParams,
  UploadTask,
  UploadFileResult,
  UploadProgress,
  DownloadParams,
  DownloadResult,
  FileObj,
} from './api/files.js';
export type { UtilsUploadParams } from './api/file-utils.js';
export { getDownloadUrl } from './api/files.js';
export type {
  GetServerConversationsParams,
  DeleteConversationParams,
  GetHistoryMessagesParams,
  RecallMessageParams,
} from './conversations.js';
export { message, create as createMessage } from './messages.js';
export { statusCode, defineSdk } from './sdk.js';
export { socketsInUse } from './socket-registry.js';
