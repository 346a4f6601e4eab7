/** Allowlist calls on `connection` (Easemob 4.x names and the older whitelist ones), one line each. */
import * as a from './allowlists.js';
import { apiOf } from './context.js';
import { ContactMethods } from './contact-methods.js';

type P<F extends (...args: never[]) => unknown> = Parameters<F>[1];

export class AllowlistMethods extends ContactMethods {
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
}
