/**
 * More group and chatroom operations (merged into `Ops`): invitations and join requests waiting for
 * the caller (delivered when an offline user connects), and allowlists (members who may speak while
 * everyone is muted).
 */
import type { UserResult } from './groups.js';

type G = { groupId: string };
type R = { roomId: string };
type Users = { users: string[] };

/** An invitation to a group waiting for the caller's answer. */
export interface PendingInvitation {
  groupId: string;
  name: string;
  /** Who invited. */
  from: string;
  reason: string;
  /** When it was made (ms since epoch): with groupId, what tells one invitation from another. */
  ts: number;
}

/** A request to join a group the caller owns or administers, waiting for an answer. */
export interface PendingJoinRequest {
  groupId: string;
  name: string;
  applicant: string;
  reason: string;
  ts: number;
}

export interface SocialExtraOps {
  /** What waits for the caller: invitations, and join requests to groups it manages (each ≤ 200, oldest first). */
  'group.pending': {
    req: Record<string, never> | undefined;
    res: { invitations: PendingInvitation[]; requests: PendingJoinRequest[] };
  };
  'group.allow': { req: G & Users; res: { results: UserResult[] } };
  'group.disallow': { req: G & Users; res: { results: UserResult[] } };
  'group.allowlist': { req: G; res: { users: string[] } };
  /** Whether `user` is on the allowlist: admins ask about anyone, members about themselves. */
  'group.isAllowed': { req: G & { user: string }; res: { allowed: boolean } };
  'room.allow': { req: R & Users; res: { results: UserResult[] } };
  'room.disallow': { req: R & Users; res: { results: UserResult[] } };
  'room.allowlist': { req: R; res: { users: string[] } };
  'room.isAllowed': { req: R & { user: string }; res: { allowed: boolean } };
}

export const SOCIAL_EXTRA_OP_NAMES: readonly (keyof SocialExtraOps)[] = [
  'group.pending',
  'group.allow',
  'group.disallow',
  'group.allowlist',
  'group.isAllowed',
  'room.allow',
  'room.disallow',
  'room.allowlist',
  'room.isAllowed',
];
