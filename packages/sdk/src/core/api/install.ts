/**
 * Installers of the feature families: each adds a family's `connection` methods to a connection
 * class's prototype and its per-connection part (core/features.ts) to the class's features. The
 * full entries install them all (core/full-connection.ts); the core-chat entries none, so their
 * builds carry none of this code. Types come by interface merging on the installing class.
 */
import type { Feature } from '../features.js';
import { AllowlistMethods } from './allowlist-methods.js';
import { ChatroomMethods } from './chatroom-methods.js';
import { ContactMethods } from './contact-methods.js';
import { chatroomsFeature, contactsFeature, filesFeature, groupsFeature, localCacheFeature } from './feature-parts.js';
import { FileMethods } from './file-methods.js';
import { GroupMethods } from './group-methods.js';

/** A connection class: its prototype gets the methods, its `features` the family's part. */
export interface Installable {
  prototype: object;
  features: readonly Feature[];
}

function install(target: Installable, methods: { prototype: object } | undefined, feature?: Feature): void {
  for (const name of methods ? Object.getOwnPropertyNames(methods.prototype) : []) {
    if (name === 'constructor') continue;
    Object.defineProperty(target.prototype, name, Object.getOwnPropertyDescriptor(methods!.prototype, name)!);
  }
  if (feature && !target.features.includes(feature)) target.features = [...target.features, feature];
}

/** Groups: create/join/members/admins...; invitations and join requests missed while offline. */
export const installGroups = (c: Installable) => install(c, GroupMethods, groupsFeature);
/** Chatrooms: join (with recent history), leave, members...; rejoined after a reconnect, left on close. */
export const installChatrooms = (c: Installable) => install(c, ChatroomMethods, chatroomsFeature);
/** Contacts, block list, user attributes, presence; the contact log synced after every connect. */
export const installContacts = (c: Installable) => install(c, ContactMethods, contactsFeature);
/** Group and chatroom allowlists, chatroom attributes. */
export const installAllowlists = (c: Installable) => install(c, AllowlistMethods);
/** uploadFile/downloadFile/cancelUpload, and send() of media messages that carry a `file`. */
export const installFiles = (c: Installable) => install(c, FileMethods, filesFeature);
/** `connection.localCache`: Easemob's local conversation list (last message, unread count), optionally persisted. */
export const installLocalCache = (c: Installable) => install(c, undefined, localCacheFeature);
