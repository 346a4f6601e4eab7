/** Allowlist and chatroom attribute calls on `connection` (Easemob 4.x names, older whitelist ones). */
import * as a from './allowlists.js';
import * as ra from './chatroom-attributes.js';
import { apiOf, ApiHost } from './context.js';

type P<F extends (...args: never[]) => unknown> = Parameters<F>[1];

export class AllowlistMethods extends ApiHost {
  addUsersToGroupAllowlist(p: P<typeof a.addUsersToGroupAllowlist>) {
    return a.addUsersToGroupAllowlist(apiOf(this), p);
  }
  /** @deprecated Easemob's older name of addUsersToGroupAllowlist. */
  addUsersToGroupWhitelist(p: P<typeof a.addUsersToGroupAllowlist>) {
    return a.addUsersToGroupAllowlist(apiOf(this), p);
  }
  removeGroupAllowlistMember(p: P<typeof a.removeGroupAllowlistMember>) {
    return a.removeGroupAllowlistMember(apiOf(this), p);
  }
  /** @deprecated Easemob's older name of removeGroupAllowlistMember. */
  removeGroupWhitelistMember(p: P<typeof a.removeGroupAllowlistMember>) {
    return a.removeGroupAllowlistMember(apiOf(this), p);
  }
  getGroupAllowlist(p: P<typeof a.getGroupAllowlist>) {
    return a.getGroupAllowlist(apiOf(this), p);
  }
  /** @deprecated Easemob's older name of getGroupAllowlist. */
  getGroupWhitelist(p: P<typeof a.getGroupAllowlist>) {
    return a.getGroupAllowlist(apiOf(this), p);
  }
  isInGroupAllowlist(p: P<typeof a.isInGroupAllowlist>) {
    return a.isInGroupAllowlist(apiOf(this), p);
  }
  /** @deprecated Easemob's older name of isInGroupAllowlist. */
  isInGroupWhiteList(p: P<typeof a.isInGroupAllowlist>) {
    return a.isInGroupAllowlist(apiOf(this), p);
  }
  addUsersToChatRoomAllowlist(p: P<typeof a.addUsersToChatRoomAllowlist>) {
    return a.addUsersToChatRoomAllowlist(apiOf(this), p);
  }
  removeChatRoomAllowlistMember(p: P<typeof a.removeChatRoomAllowlistMember>) {
    return a.removeChatRoomAllowlistMember(apiOf(this), p);
  }
  /** @deprecated Easemob's older name of removeChatRoomAllowlistMember. */
  removeChatRoomWhitelistMember(p: P<typeof a.removeChatRoomAllowlistMember>) {
    return a.removeChatRoomAllowlistMember(apiOf(this), p);
  }
  getChatRoomAllowlist(p: P<typeof a.getChatRoomAllowlist>) {
    return a.getChatRoomAllowlist(apiOf(this), p);
  }
  /** @deprecated Easemob's older name of getChatRoomAllowlist. */
  getChatRoomWhitelist(p: P<typeof a.getChatRoomAllowlist>) {
    return a.getChatRoomAllowlist(apiOf(this), p);
  }
  isInChatRoomAllowlist(p: P<typeof a.isInChatRoomAllowlist>) {
    return a.isInChatRoomAllowlist(apiOf(this), p);
  }
  getChatRoomAttributes(p: P<typeof ra.getChatRoomAttributes>) {
    return ra.getChatRoomAttributes(apiOf(this), p);
  }
  setChatRoomAttributes(p: P<typeof ra.setChatRoomAttributes>) {
    return ra.setChatRoomAttributes(apiOf(this), p);
  }
  setChatRoomAttribute(p: P<typeof ra.setChatRoomAttribute>) {
    return ra.setChatRoomAttribute(apiOf(this), p);
  }
  removeChatRoomAttributes(p: P<typeof ra.removeChatRoomAttributes>) {
    return ra.removeChatRoomAttributes(apiOf(this), p);
  }
  removeChatRoomAttribute(p: P<typeof ra.removeChatRoomAttribute>) {
    return ra.removeChatRoomAttribute(apiOf(this), p);
  }
}
