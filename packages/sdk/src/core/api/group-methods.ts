/** The group calls on `connection` (Easemob 4.x names; deprecated aliases where apps still use them). */
import { apiOf, ApiHost } from './context.js';
import * as a from './group-admin.js';
import * as m from './group-members.js';
import * as g from './groups.js';

type P<F extends (...args: never[]) => unknown> = Parameters<F>[1];

export class GroupMethods extends ApiHost {
  createGroup(p: P<typeof g.createGroup>) {
    return g.createGroup(apiOf(this), p);
  }
  createGroupVNext(p: P<typeof g.createGroupVNext>) {
    return g.createGroupVNext(apiOf(this), p);
  }
  getGroupInfo(p: P<typeof g.getGroupInfo>) {
    return g.getGroupInfo(apiOf(this), p);
  }
  modifyGroup(p: P<typeof g.modifyGroup>) {
    return g.modifyGroup(apiOf(this), p);
  }
  destroyGroup(p: P<typeof g.destroyGroup>) {
    return g.destroyGroup(apiOf(this), p);
  }
  changeGroupOwner(p: P<typeof g.changeGroupOwner>) {
    return g.changeGroupOwner(apiOf(this), p);
  }
  getJoinedGroups(p?: P<typeof g.getJoinedGroups>) {
    return g.getJoinedGroups(apiOf(this), p);
  }
  getPublicGroups(p?: P<typeof g.getPublicGroups>) {
    return g.getPublicGroups(apiOf(this), p);
  }
  listGroupMembers(p: P<typeof g.listGroupMembers>) {
    return g.listGroupMembers(apiOf(this), p);
  }
  getGroupMembers(p: P<typeof g.getGroupMembers>) {
    return g.getGroupMembers(apiOf(this), p);
  }
  inviteUsersToGroup(p: P<typeof m.inviteUsersToGroup>) {
    return m.inviteUsersToGroup(apiOf(this), p);
  }
  joinGroup(p: P<typeof m.joinGroup>) {
    return m.joinGroup(apiOf(this), p);
  }
  leaveGroup(p: P<typeof m.leaveGroup>) {
    return m.leaveGroup(apiOf(this), p);
  }
  acceptGroupInvite(p: P<typeof m.acceptGroupInvite>) {
    return m.acceptGroupInvite(apiOf(this), p);
  }
  rejectGroupInvite(p: P<typeof m.rejectGroupInvite>) {
    return m.rejectGroupInvite(apiOf(this), p);
  }
  acceptGroupJoinRequest(p: P<typeof m.acceptGroupJoinRequest>) {
    return m.acceptGroupJoinRequest(apiOf(this), p);
  }
  rejectGroupJoinRequest(p: P<typeof m.rejectGroupJoinRequest>) {
    return m.rejectGroupJoinRequest(apiOf(this), p);
  }
  async removeGroupMember(p: { groupId: string; username: string }) {
    const r = await m.removeGroupMembers(apiOf(this), p);
    return { type: r.type, data: r.data[0]! };
  }
  removeGroupMembers(p: { groupId: string; users: string[] }) {
    return m.removeGroupMembers(apiOf(this), p);
  }
  setGroupAdmin(p: P<typeof a.setGroupAdmin>) {
    return a.setGroupAdmin(apiOf(this), p);
  }
  removeGroupAdmin(p: P<typeof a.removeGroupAdmin>) {
    return a.removeGroupAdmin(apiOf(this), p);
  }
  getGroupAdmin(p: P<typeof a.getGroupAdmin>) {
    return a.getGroupAdmin(apiOf(this), p);
  }
  muteGroupMember(p: P<typeof a.muteGroupMember>) {
    return a.muteGroupMember(apiOf(this), p);
  }
  unmuteGroupMember(p: P<typeof a.unmuteGroupMember>) {
    return a.unmuteGroupMember(apiOf(this), p);
  }
  getGroupMuteList(p: P<typeof a.getGroupMuteList>) {
    return a.getGroupMuteList(apiOf(this), p);
  }
  /** Mutes everyone but the owner and admins. */
  disableSendGroupMsg(p: { groupId: string }) {
    return a.muteAllGroup(apiOf(this), p, true);
  }
  enableSendGroupMsg(p: { groupId: string }) {
    return a.muteAllGroup(apiOf(this), p, false);
  }
  async blockGroupMember(p: { groupId: string; username: string }) {
    const r = await m.blockGroupMembers(apiOf(this), p);
    return { type: r.type, data: r.data[0]! };
  }
  blockGroupMembers(p: { groupId: string; usernames: string[] }) {
    return m.blockGroupMembers(apiOf(this), p);
  }
  async unblockGroupMember(p: { groupId: string; username: string }) {
    const r = await m.unblockGroupMembers(apiOf(this), p);
    return { type: r.type, data: r.data[0]! };
  }
  unblockGroupMembers(p: { groupId: string; usernames: string[] }) {
    return m.unblockGroupMembers(apiOf(this), p);
  }
  getGroupBlocklist(p: P<typeof m.getGroupBlocklist>) {
    return m.getGroupBlocklist(apiOf(this), p);
  }
  /** @deprecated Easemob's older name of getGroupBlocklist. */
  getGroupBlacklist(p: P<typeof m.getGroupBlocklist>) {
    return m.getGroupBlocklist(apiOf(this), p);
  }
  updateGroupAnnouncement(p: P<typeof a.updateGroupAnnouncement>) {
    return a.updateGroupAnnouncement(apiOf(this), p);
  }
  fetchGroupAnnouncement(p: P<typeof a.fetchGroupAnnouncement>) {
    return a.fetchGroupAnnouncement(apiOf(this), p);
  }
  setGroupMemberAttributes(p: P<typeof a.setGroupMemberAttributes>) {
    return a.setGroupMemberAttributes(apiOf(this), p);
  }
  getGroupMemberAttributes(p: P<typeof a.getGroupMemberAttributes>) {
    return a.getGroupMemberAttributes(apiOf(this), p);
  }
  getGroupMembersAttributes(p: P<typeof a.getGroupMembersAttributes>) {
    return a.getGroupMembersAttributes(apiOf(this), p);
  }
  getGroupMsgReadUser(p: P<typeof a.getGroupMsgReadUser>) {
    return a.getGroupMsgReadUser(apiOf(this), p);
  }
}
