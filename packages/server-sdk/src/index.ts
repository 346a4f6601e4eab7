/** @pigeon/server-sdk: what an app's backend needs (token minting, the admin REST client). */
export const SERVER_SDK_VERSION = '0.1.0';
export { mintUserToken, type MintUserTokenOptions } from './mint-user-token.js';
export { PigeonAdmin, type PigeonAdminOptions } from './pigeon-admin.js';
export { PigeonAdminError } from './errors.js';
export { AdminToken } from './admin-token.js';
export type * from './types.js';
export type { RegisterManyResult, Users } from './resources/users.js';
export type { Blocks, Contacts } from './resources/contacts.js';
export type { Attributes, Metadata } from './resources/metadata.js';
export type { GroupDetail, GroupSettings, GroupSummary, Groups, NewGroup } from './resources/groups.js';
export type { ChatroomDetail, ChatroomSummary, Chatrooms, NewChatroom } from './resources/chatrooms.js';
export type { ChannelRoster, Roster, UserResult } from './resources/channel-roster.js';
export type { ConversationRef, Messages } from './resources/messages.js';
export { PigeonError, isPigeonError, ErrorCatalogue, type ErrorName } from '@pigeon/protocol';
