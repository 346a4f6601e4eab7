/**
 * The full `connection` (what `@pigeon/sdk` and every `/<platform>` entry export): the chat core
 * with every feature family installed. The core-chat entries (`/<platform>/core`) use the core
 * `Connection` of connection.ts instead and carry none of these families' code.
 */
import type { AllowlistMethods } from './api/allowlist-methods.js';
import type { ChatroomMethods } from './api/chatroom-methods.js';
import type { ContactMethods } from './api/contact-methods.js';
import type { FileMethods } from './api/file-methods.js';
import type { GroupMethods } from './api/group-methods.js';
import {
  installAllowlists,
  installChatrooms,
  installContacts,
  installFiles,
  installGroups,
  installLocalCache,
} from './api/install.js';
import type { LocalCache } from './local-cache-api.js';
import { Connection as ChatConnection } from './connection.js';

// Interface merging: the installers below add these methods to Connection.prototype.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class Connection extends ChatConnection {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface Connection extends GroupMethods, ChatroomMethods, ContactMethods, AllowlistMethods, FileMethods {
  /** Easemob's local conversation list: last message and unread count per conversation (see persistLocalCache). */
  readonly localCache: LocalCache;
}

installGroups(Connection);
installChatrooms(Connection);
installContacts(Connection);
installAllowlists(Connection);
installFiles(Connection);
installLocalCache(Connection);
