/** The platform-neutral public surface, re-exported by every full entry point (chat core + feature families). */
export * from './chat-index.js';
export { Connection } from './full-connection.js';
export type * from './api/social-types.js';
export type { CreateGroupParams, CreateGroupVNextParams, ModifyGroupParams } from './api/groups.js';
export type { GetJoinedGroupsParams } from './api/group-info.js';
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
export { defineSdk } from './sdk.js';
export {
  installGroups,
  installChatrooms,
  installContacts,
  installAllowlists,
  installFiles,
  installLocalCache,
  type Installable,
} from './api/install.js';
export type { GroupMethods } from './api/group-methods.js';
export type { ChatroomMethods } from './api/chatroom-methods.js';
export type { ContactMethods } from './api/contact-methods.js';
export type { AllowlistMethods } from './api/allowlist-methods.js';
export type { FileMethods } from './api/file-methods.js';
