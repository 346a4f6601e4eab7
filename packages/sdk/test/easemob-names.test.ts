/**
 * The group and chatroom API holds to easemob-websdk's typings (Easemob-chat.d.ts): every method
 * Pigeon offers under an Easemob name is declared there, and every event operation the server emits
 * is one of Easemob's onGroupEvent / onChatroomEvent operations.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ChatroomOperation, GroupOperation } from '@pigeon/protocol';
import { describe, expect, it } from 'vitest';
import { Connection } from '../src/core/index.js';

const dts = readFileSync(createRequire(import.meta.url).resolve('easemob-websdk/Easemob-chat.d.ts'), 'utf8');

const GROUP_METHODS = [
  'createGroup',
  'createGroupVNext',
  'getGroupInfo',
  'modifyGroup',
  'destroyGroup',
  'changeGroupOwner',
  'getJoinedGroups',
  'getPublicGroups',
  'listGroupMembers',
  'getGroupMembers',
  'inviteUsersToGroup',
  'joinGroup',
  'leaveGroup',
  'acceptGroupInvite',
  'rejectGroupInvite',
  'acceptGroupJoinRequest',
  'rejectGroupJoinRequest',
  'removeGroupMember',
  'removeGroupMembers',
  'setGroupAdmin',
  'removeGroupAdmin',
  'getGroupAdmin',
  'muteGroupMember',
  'unmuteGroupMember',
  'getGroupMuteList',
  'disableSendGroupMsg',
  'enableSendGroupMsg',
  'blockGroupMember',
  'blockGroupMembers',
  'unblockGroupMember',
  'unblockGroupMembers',
  'getGroupBlocklist',
  'getGroupBlacklist',
  'updateGroupAnnouncement',
  'fetchGroupAnnouncement',
  'setGroupMemberAttributes',
  'getGroupMemberAttributes',
  'getGroupMembersAttributes',
  'getGroupMsgReadUser',
  'addUsersToGroupAllowlist',
  'removeGroupAllowlistMember',
  'getGroupAllowlist',
  'isInGroupAllowlist',
];
const CHATROOM_METHODS = [
  'getChatRooms',
  'createChatRoom',
  'destroyChatRoom',
  'getChatRoomDetails',
  'modifyChatRoom',
  'joinChatRoom',
  'leaveChatRoom',
  'quitChatRoom',
  'getJoinedChatRooms',
  'listChatRoomMembers',
  'removeChatRoomMember',
  'removeChatRoomMembers',
  'getChatRoomAdmin',
  'setChatRoomAdmin',
  'removeChatRoomAdmin',
  'muteChatRoomMember',
  'unmuteChatRoomMember',
  'removeMuteChatRoomMember',
  'getChatRoomMutelist',
  'getChatRoomMuteList',
  'disableSendChatRoomMsg',
  'enableSendChatRoomMsg',
  'blockChatRoomMember',
  'blockChatRoomMembers',
  'unblockChatRoomMember',
  'unblockChatRoomMembers',
  'getChatRoomBlacklist',
  'updateChatRoomAnnouncement',
  'fetchChatRoomAnnouncement',
  'addUsersToChatRoomAllowlist',
  'removeChatRoomAllowlistMember',
  'getChatRoomAllowlist',
  'isInChatRoomAllowlist',
];

/** Every operation the server may emit (the compiler keeps these lists complete). */
const GROUP_OPS: Record<GroupOperation, true> = {
  create: true,
  destroy: true,
  requestToJoin: true,
  acceptRequest: true,
  joinPublicGroupDeclined: true,
  inviteToJoin: true,
  acceptInvite: true,
  rejectInvite: true,
  removeMember: true,
  unblockMember: true,
  updateInfo: true,
  memberPresence: true,
  memberAbsence: true,
  directJoined: true,
  changeOwner: true,
  setAdmin: true,
  removeAdmin: true,
  muteMember: true,
  unmuteMember: true,
  updateAnnouncement: true,
  deleteAnnouncement: true,
  muteAllMembers: true,
  unmuteAllMembers: true,
  memberAttributesUpdate: true,
  addUserToAllowlist: true,
  removeAllowlistMember: true,
};
const ROOM_OPS: Record<ChatroomOperation, true> = {
  destroy: true,
  removeMember: true,
  unblockMember: true,
  updateInfo: true,
  memberPresence: true,
  memberAbsence: true,
  setAdmin: true,
  removeAdmin: true,
  muteMember: true,
  unmuteMember: true,
  updateAnnouncement: true,
  deleteAnnouncement: true,
  muteAllMembers: true,
  unmuteAllMembers: true,
  addUserToAllowlist: true,
  removeAllowlistMember: true,
};

/** The string literals of `operation:` inside `interface <name> {`. */
function operations(name: string): string[] {
  const body = dts.slice(dts.indexOf(`interface ${name} {`));
  const union = body.slice(body.indexOf('operation:'), body.indexOf(';', body.indexOf('operation:')));
  return [...union.matchAll(/'([A-Za-z]+)'/g)].map((m) => m[1]!);
}

describe('Easemob names', () => {
  it.each([...GROUP_METHODS, ...CHATROOM_METHODS])('%s is declared by Easemob and offered by connection', (name) => {
    expect(dts).toMatch(new RegExp(`\\b${name}\\(\\s*this: Connection`));
    expect(typeof (Connection.prototype as unknown as Record<string, unknown>)[name]).toBe('function');
  });

  it('every group and chatroom event operation is one of Easemob', () => {
    expect(operations('GroupEvent')).toEqual(expect.arrayContaining(Object.keys(GROUP_OPS)));
    expect(operations('ChatroomEvent')).toEqual(expect.arrayContaining(Object.keys(ROOM_OPS)));
  });
});
