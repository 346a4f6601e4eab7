/** The chatroom calls on `connection` (Easemob 4.x names, and the older ones apps still use). */
import * as a from './chatroom-admin.js';
import * as r from './chatrooms.js';
import { apiOf, ApiHost } from './context.js';

type P<F extends (...args: never[]) => unknown> = Parameters<F>[1];
type Room = { chatRoomId: string };

export class ChatroomMethods extends ApiHost {
  getChatRooms(p?: P<typeof r.getChatRooms>) {
    return r.getChatRooms(apiOf(this), p);
  }
  createChatRoom(p: P<typeof r.createChatRoom>) {
    return r.createChatRoom(apiOf(this), p);
  }
  destroyChatRoom(p: P<typeof r.destroyChatRoom>) {
    return r.destroyChatRoom(apiOf(this), p);
  }
  getChatRoomDetails(p: P<typeof r.getChatRoomDetails>) {
    return r.getChatRoomDetails(apiOf(this), p);
  }
  modifyChatRoom(p: P<typeof r.modifyChatRoom>) {
    return r.modifyChatRoom(apiOf(this), p);
  }
  joinChatRoom(p: P<typeof r.joinChatRoom>) {
    return r.joinChatRoom(apiOf(this), p);
  }
  leaveChatRoom(p: P<typeof r.leaveChatRoom>) {
    return r.leaveChatRoom(apiOf(this), p);
  }
  /** @deprecated Easemob's older name of leaveChatRoom. */
  quitChatRoom(p: P<typeof r.leaveChatRoom>) {
    return r.leaveChatRoom(apiOf(this), p);
  }
  getJoinedChatRooms(p?: P<typeof r.getJoinedChatRooms>) {
    return r.getJoinedChatRooms(apiOf(this), p);
  }
  listChatRoomMembers(p: P<typeof r.listChatRoomMembers>) {
    return r.listChatRoomMembers(apiOf(this), p);
  }
  async removeChatRoomMember(p: Room & { username: string }) {
    const res = await r.removeChatRoomMembers(apiOf(this), p);
    return { type: res.type, data: res.data[0]! };
  }
  removeChatRoomMembers(p: Room & { users: string[] }) {
    return r.removeChatRoomMembers(apiOf(this), p);
  }
  getChatRoomAdmin(p: Room) {
    return a.getChatRoomAdmin(apiOf(this), p);
  }
  setChatRoomAdmin(p: P<typeof a.setChatRoomAdmin>) {
    return a.setChatRoomAdmin(apiOf(this), p);
  }
  removeChatRoomAdmin(p: P<typeof a.removeChatRoomAdmin>) {
    return a.removeChatRoomAdmin(apiOf(this), p);
  }
  muteChatRoomMember(p: P<typeof a.muteChatRoomMember>) {
    return a.muteChatRoomMember(apiOf(this), p);
  }
  unmuteChatRoomMember(p: P<typeof a.unmuteChatRoomMember>) {
    return a.unmuteChatRoomMember(apiOf(this), p);
  }
  /** @deprecated Easemob's older name of unmuteChatRoomMember. */
  removeMuteChatRoomMember(p: P<typeof a.unmuteChatRoomMember>) {
    return a.unmuteChatRoomMember(apiOf(this), p);
  }
  getChatRoomMutelist(p: Room) {
    return a.getChatRoomMutelist(apiOf(this), p);
  }
  getChatRoomMuteList(p: Room) {
    return a.getChatRoomMutelist(apiOf(this), p);
  }
  disableSendChatRoomMsg(p: Room) {
    return a.muteAllChatRoom(apiOf(this), p, true);
  }
  enableSendChatRoomMsg(p: Room) {
    return a.muteAllChatRoom(apiOf(this), p, false);
  }
  async blockChatRoomMember(p: Room & { username: string }) {
    const res = await r.blockChatRoomMembers(apiOf(this), p);
    return { type: res.type, data: res.data[0]! };
  }
  blockChatRoomMembers(p: Room & { usernames: string[] }) {
    return r.blockChatRoomMembers(apiOf(this), p);
  }
  async unblockChatRoomMember(p: Room & { username: string }) {
    const res = await r.unblockChatRoomMembers(apiOf(this), p);
    return { type: res.type, data: res.data[0]! };
  }
  unblockChatRoomMembers(p: Room & { usernames: string[] }) {
    return r.unblockChatRoomMembers(apiOf(this), p);
  }
  getChatRoomBlocklist(p: Room) {
    return r.getChatRoomBlocklist(apiOf(this), p);
  }
  /** Easemob's name for the block list in 4.x typings. */
  getChatRoomBlacklist(p: Room) {
    return r.getChatRoomBlocklist(apiOf(this), p);
  }
  updateChatRoomAnnouncement(p: P<typeof a.updateChatRoomAnnouncement>) {
    return a.updateChatRoomAnnouncement(apiOf(this), p);
  }
  fetchChatRoomAnnouncement(p: P<typeof a.fetchChatRoomAnnouncement>) {
    return a.fetchChatRoomAnnouncement(apiOf(this), p);
  }
}
