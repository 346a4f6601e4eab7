/** A group's members, inviting people into it and leaving it (the demo's groups add invitees at once). */
import { current, openChat, state } from './chat';
import { keyOf } from './model';

export interface Member {
  user: string;
  owner: boolean;
}

export async function groupMembers(groupId: string): Promise<Member[]> {
  const res = await current().listGroupMembers({ groupId, pageNum: 1, pageSize: 100 });
  return res.data.map((m) => ('owner' in m ? { user: m.owner, owner: true } : { user: m.member, owner: false }));
}

/** Invites these users; returns the ones the server refused, with its reason. */
export async function invite(groupId: string, users: string[]): Promise<string[]> {
  const res = await current().inviteUsersToGroup({ groupId, users });
  return res.data.filter((r) => !r.result).map((r) => `${r.user}: ${r.reason ?? '?'}`);
}

export async function leaveGroup(groupId: string): Promise<void> {
  await current().leaveGroup({ groupId });
  const key = keyOf('groupChat', groupId);
  delete state.convs[key];
  if (state.open === key) state.open = '';
}

export interface PublicGroup {
  id: string;
  name: string;
}

export async function publicGroups(): Promise<PublicGroup[]> {
  const res = await current().getPublicGroups({ limit: 50 });
  return res.data.map((g) => ({ id: g.groupid, name: g.groupname }));
}

/** Joins a public group: at once when it is open (it then opens), else an application to its owner. */
export async function joinPublicGroup(g: PublicGroup): Promise<'joined' | 'applied'> {
  const res = await current().joinGroup({ groupId: g.id });
  if (res.data.status !== 'joined') return 'applied';
  state.groupNames[g.id] = g.name;
  await openChat(keyOf('groupChat', g.id));
  return 'joined';
}
