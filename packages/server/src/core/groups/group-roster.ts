/** Adding and letting go of members, shared by joins, invitations, leaving, removal and blocking. */
import { PigeonError } from '@pigeon/protocol';
import type { MemberRecord } from '../ports/groups.js';
import type { Caller } from '../types.js';
import type { GroupContext } from './group-context.js';
import type { GroupState } from './group-state.js';

export function requireRoom(s: GroupState, adding: number): void {
  if (s.names.length + adding > s.group.maxUsers)
    throw new PigeonError('MEMBERS_LIMIT', `The group is full (${s.group.maxUsers} members).`, {
      details: { maxUsers: s.group.maxUsers, members: s.names.length },
    });
}

export async function requireNotBlocked(
  c: GroupContext,
  caller: Caller,
  s: GroupState,
  users: string[],
): Promise<void> {
  const blocked = new Set(await c.repos.groupLists.blocked(caller.app.id, s.group.id));
  const hit = users.find((u) => blocked.has(u));
  if (hit) throw new PigeonError('MEMBER_BLOCKED', `${hit} is on the group's block list.`, { details: { user: hit } });
}

/** Adds members (their conversation rows start at the group's newest seq) and tells everyone. */
export async function addMembers(
  c: GroupContext,
  caller: Caller,
  s: GroupState,
  users: string[],
  op?: 'directJoined' | 'acceptRequest',
): Promise<void> {
  if (!users.length) return;
  requireRoom(s, users.length);
  const now = c.clock.now();
  const members: MemberRecord[] = users.map((user) => ({
    user,
    role: 'member',
    joinedAt: now,
    muteUntil: 0,
    attrs: {},
  }));
  await c.repos.groupMembers.add(caller.app.id, s.group.id, members);
  c.changed(caller, s.group.id);
  if (op) c.notify(caller, users, { op, id: s.group.id, name: s.group.name });
  let count = s.names.length;
  for (const user of users)
    c.notify(caller, s.names, { op: 'memberPresence', id: s.group.id, from: user, userId: user, memberCount: ++count });
}

/** Tells the members who stay that `users` left. */
export function announceAbsence(c: GroupContext, caller: Caller, s: GroupState, users: string[]): void {
  const rest = c.others(s, ...users);
  let count = s.names.length;
  for (const user of users)
    c.notify(caller, rest, { op: 'memberAbsence', id: s.group.id, from: user, userId: user, memberCount: --count });
}
