/**
 * Contacts, block list, user attributes and presence calls on `connection`: Easemob 4.x names and
 * the older ones apps still use. Each is one line onto core/api/{contacts,profiles,presence}.ts.
 */
import type { ConfigurableKey, CustomUserInfo, UpdateOwnUserInfoParams, UserId } from './contact-types.js';
import * as c from './contacts.js';
import { apiOf, ApiHost } from './context.js';
import * as pr from './presence.js';
import * as pf from './profiles.js';

type Names = { name: UserId | UserId[] };
type Usernames = { usernames: UserId[] };
const req = (host: object) => apiOf(host).request;

export class ContactMethods extends ApiHost {
  addContact(to: string, message?: string) {
    return c.addContact(req(this), to, message);
  }
  deleteContact(to: string) {
    return c.deleteContact(req(this), to);
  }
  acceptContactInvite(to: string) {
    return c.acceptContactInvite(req(this), to);
  }
  /** @deprecated Easemob's older name of acceptContactInvite. */
  acceptInvitation(to: string) {
    return c.acceptContactInvite(req(this), to);
  }
  declineContactInvite(to: string) {
    return c.declineContactInvite(req(this), to);
  }
  /** @deprecated Easemob's older name of declineContactInvite. */
  declineInvitation(to: string) {
    return c.declineContactInvite(req(this), to);
  }
  getContacts() {
    return c.getContacts(req(this));
  }
  getAllContacts() {
    return c.getAllContacts(req(this));
  }
  getContactsWithCursor(p?: { pageSize?: number; cursor?: string }) {
    return c.getContactsWithCursor(req(this), p);
  }
  setContactRemark(p: { userId: UserId; remark: string }) {
    return c.setContactRemark(req(this), p);
  }
  addUsersToBlocklist(p: Names) {
    return c.addUsersToBlocklist(req(this), p);
  }
  /** @deprecated Easemob's older name of addUsersToBlocklist. */
  addUsersToBlacklist(p: Names) {
    return c.addUsersToBlocklist(req(this), p);
  }
  /** @deprecated Easemob's older name of addUsersToBlocklist. */
  addToBlackList(p: Names) {
    return c.addUsersToBlocklist(req(this), p);
  }
  removeUserFromBlocklist(p: Names) {
    return c.removeUserFromBlocklist(req(this), p);
  }
  /** @deprecated Easemob's older name of removeUserFromBlocklist. */
  removeUserFromBlackList(p: Names) {
    return c.removeUserFromBlocklist(req(this), p);
  }
  /** @deprecated Easemob's older name of removeUserFromBlocklist. */
  removeFromBlackList(p: Names) {
    return c.removeUserFromBlocklist(req(this), p);
  }
  getBlocklist() {
    return c.getBlocklist(req(this));
  }
  /** @deprecated Easemob's older name of getBlocklist. */
  getBlacklist() {
    return c.getBlocklist(req(this));
  }
  updateUserInfo(p: UpdateOwnUserInfoParams | CustomUserInfo | ConfigurableKey, value?: string | number | boolean) {
    return pf.updateUserInfo(req(this), p, value);
  }
  /** Easemob's older name of updateUserInfo. */
  updateOwnUserInfo(p: UpdateOwnUserInfoParams | CustomUserInfo | ConfigurableKey, value?: string | number | boolean) {
    return pf.updateUserInfo(req(this), p, value);
  }
  fetchUserInfoById(userId: UserId | UserId[], properties?: ConfigurableKey[] | ConfigurableKey) {
    return pf.fetchUserInfoById(req(this), userId, properties);
  }
  publishPresence(p: { description: string }) {
    return pr.publishPresence(req(this), p);
  }
  subscribePresence(p: Usernames & { expiry: number }) {
    return pr.subscribePresence(req(this), p);
  }
  unsubscribePresence(p: Usernames) {
    return pr.unsubscribePresence(req(this), p);
  }
  getSubscribedPresencelist(p: { pageNum: number; pageSize: number }) {
    return pr.getSubscribedPresencelist(req(this), p);
  }
  /** @deprecated Easemob's older name of getSubscribedPresencelist. */
  getSubscribedPresenceList(p: { pageNum: number; pageSize: number }) {
    return pr.getSubscribedPresencelist(req(this), p);
  }
  getPresenceStatus(p: Usernames) {
    return pr.getPresenceStatus(req(this), p);
  }
}
