export type * from './apps.js';
export type * from './users.js';
export type * from './relations.js';
export type * from './contacts.js';
export type * from './profiles.js';
export type * from './presence.js';
export type * from './messages.js';
export type * from './conversations.js';
export type * from './bus.js';
export type * from './logger.js';
export type * from './clock.js';
export type * from './groups.js';
export type * from './chatrooms.js';
export type * from './blobs.js';
export type * from './console.js';
export type * from './files.js';
export type * from './images.js';
export type * from './webhooks.js';
export type * from './social-users.js';
export type * from './chatroom-attrs.js';

import type { AppRepository } from './apps.js';
import type { ContactRepository } from './contacts.js';
import type { ConsoleRepository } from './console.js';
import type { ChatroomRepository } from './chatrooms.js';
import type { ConversationRepository } from './conversations.js';
import type { GroupListRepository, GroupMemberRepository, GroupRepository } from './groups.js';
import type { FileRepository } from './files.js';
import type { MessageRepository } from './messages.js';
import type { PresenceRepository } from './presence.js';
import type { ProfileRepository } from './profiles.js';
import type { RelationRepository } from './relations.js';
import type { SocialUserRepository } from './social-users.js';
import type { ChatroomAttrRepository } from './chatroom-attrs.js';
import type { UserRepository } from './users.js';
import type { WebhookOutboxRepository } from './webhooks.js';

/** What a store gives the core: one repository per concept, no giant interface. */
export interface Repositories {
  apps: AppRepository;
  users: UserRepository;
  relations: RelationRepository;
  messages: MessageRepository;
  conversations: ConversationRepository;
  contacts: ContactRepository;
  profiles: ProfileRepository;
  presence: PresenceRepository;
  groups: GroupRepository;
  groupMembers: GroupMemberRepository;
  groupLists: GroupListRepository;
  chatrooms: ChatroomRepository;
  console: ConsoleRepository;
  files: FileRepository;
  webhooks: WebhookOutboxRepository;
  socialUsers: SocialUserRepository;
  chatroomAttrs: ChatroomAttrRepository;
}
