/** Group and chatroom ops, each one core call (spread into OP_HANDLERS). */
import type { ChatroomOps, GroupOps } from '@pigeon/protocol';
import type { Core } from '../../core/index.js';
import type { Caller } from '../../core/types.js';

type Handler<Q> = (core: Core, caller: Caller, d: Q) => Promise<unknown>;
type Table<T> = { [K in keyof T]: Handler<T[K] extends { req: infer Q } ? Q : never> };

export const GROUP_HANDLERS: Table<GroupOps> = {
  'group.create': (core, c, d) => core.groups.service.create(c, d),
  'group.info': (core, c, d) => core.groups.service.info(c, d),
  'group.modify': (core, c, d) => core.groups.service.modify(c, d),
  'group.destroy': (core, c, d) => core.groups.service.destroy(c, d),
  'group.transfer': (core, c, d) => core.groups.service.transfer(c, d),
  'group.joined': (core, c, d) => core.groups.service.joined(c, d),
  'group.public': (core, c, d) => core.groups.service.publicGroups(c, d),
  'group.members': (core, c, d) => core.groups.service.members(c, d),
  'group.join': (core, c, d) => core.groups.membership.join(c, d),
  'group.leave': (core, c, d) => core.groups.membership.leave(c, d),
  'group.invite': (core, c, d) => core.groups.membership.invite(c, d),
  'group.acceptInvite': (core, c, d) => core.groups.membership.acceptInvite(c, d),
  'group.rejectInvite': (core, c, d) => core.groups.membership.rejectInvite(c, d),
  'group.acceptRequest': (core, c, d) => core.groups.membership.acceptRequest(c, d),
  'group.rejectRequest': (core, c, d) => core.groups.membership.rejectRequest(c, d),
  'group.remove': (core, c, d) => core.groups.membership.remove(c, d),
  'group.block': (core, c, d) => core.groups.membership.block(c, d),
  'group.unblock': (core, c, d) => core.groups.membership.unblock(c, d),
  'group.blocklist': (core, c, d) => core.groups.membership.blocklist(c, d),
  'group.setAdmin': (core, c, d) => core.groups.moderation.setAdmin(c, d),
  'group.removeAdmin': (core, c, d) => core.groups.moderation.removeAdmin(c, d),
  'group.admins': (core, c, d) => core.groups.moderation.admins(c, d),
  'group.mute': (core, c, d) => core.groups.moderation.mute(c, d),
  'group.unmute': (core, c, d) => core.groups.moderation.unmute(c, d),
  'group.muteList': (core, c, d) => core.groups.moderation.muteList(c, d),
  'group.muteAll': (core, c, d) => core.groups.moderation.muteAll(c, d),
  'group.announcement': (core, c, d) => core.groups.moderation.announcement(c, d),
  'group.setAnnouncement': (core, c, d) => core.groups.moderation.setAnnouncement(c, d),
  'group.setMemberAttrs': (core, c, d) => core.groups.attributes.set(c, d),
  'group.memberAttrs': (core, c, d) => core.groups.attributes.get(c, d),
  'group.readers': (core, c, d) => core.groups.messages.readers(c, d),
};

export const CHATROOM_HANDLERS: Table<ChatroomOps> = {
  'room.create': (core, c, d) => core.chatrooms.service.create(c, d),
  'room.list': (core, c, d) => core.chatrooms.service.list(c, d),
  'room.info': (core, c, d) => core.chatrooms.service.info(c, d),
  'room.modify': (core, c, d) => core.chatrooms.service.modify(c, d),
  'room.destroy': (core, c, d) => core.chatrooms.service.destroy(c, d),
  'room.join': (core, c, d) => core.chatrooms.membership.join(c, d),
  'room.leave': (core, c, d) => core.chatrooms.membership.leave(c, d),
  'room.joined': (core, c, d) => core.chatrooms.membership.joined(c, d),
  'room.members': (core, c, d) => core.chatrooms.membership.members(c, d),
  'room.remove': (core, c, d) => core.chatrooms.membership.remove(c, d),
  'room.block': (core, c, d) => core.chatrooms.membership.block(c, d),
  'room.unblock': (core, c, d) => core.chatrooms.membership.unblock(c, d),
  'room.blocklist': (core, c, d) => core.chatrooms.membership.blocklist(c, d),
  'room.admins': (core, c, d) => core.chatrooms.moderation.admins(c, d),
  'room.setAdmin': (core, c, d) => core.chatrooms.moderation.setAdmin(c, d),
  'room.removeAdmin': (core, c, d) => core.chatrooms.moderation.removeAdmin(c, d),
  'room.mute': (core, c, d) => core.chatrooms.moderation.mute(c, d),
  'room.unmute': (core, c, d) => core.chatrooms.moderation.unmute(c, d),
  'room.muteList': (core, c, d) => core.chatrooms.moderation.muteList(c, d),
  'room.muteAll': (core, c, d) => core.chatrooms.moderation.muteAll(c, d),
  'room.announcement': (core, c, d) => core.chatrooms.moderation.announcement(c, d),
  'room.setAnnouncement': (core, c, d) => core.chatrooms.moderation.setAnnouncement(c, d),
};
