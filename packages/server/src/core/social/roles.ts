/**
 * Roles in groups and chatrooms, and who may act on whom: the owner outranks admins, admins outrank
 * members, and the app's backend (REST admin token) outranks everyone.
 */
import { PigeonError, type GroupRole } from '@pigeon/protocol';

export type ActorRank = GroupRole | 'app';

const RANK: Record<ActorRank, number> = { member: 1, admin: 2, owner: 3, app: 4 };

export const atLeast = (actor: ActorRank | undefined, needed: GroupRole): boolean =>
  actor !== undefined && RANK[actor] >= RANK[needed];

export const outranks = (actor: ActorRank, target: GroupRole): boolean => RANK[actor] > RANK[target];

export function requireRank(actor: ActorRank | undefined, needed: GroupRole, what: string): void {
  if (actor === undefined) throw new PigeonError('NOT_A_MEMBER', `Only members may ${what}.`);
  if (!atLeast(actor, needed))
    throw new PigeonError(
      'ROLE_REQUIRED',
      `Only the ${needed === 'owner' ? 'owner' : 'owner or an admin'} may ${what}.`,
      {
        details: { required: needed, role: actor },
      },
    );
}

/** The actor must outrank every target (an admin cannot act on another admin or the owner). */
export function requireOutranks(actor: ActorRank, target: GroupRole, user: string, what: string): void {
  if (!outranks(actor, target))
    throw new PigeonError('ROLE_REQUIRED', `You may not ${what} ${user} (${target}).`, {
      details: { required: target === 'owner' ? 'app' : 'owner', role: actor, user },
    });
}

/** Mute end from a duration: -1 means until unmuted. */
export function muteUntil(now: number, durationMs: number): number {
  if (durationMs === -1) return -1;
  if (!Number.isInteger(durationMs) || durationMs <= 0)
    throw new PigeonError('BAD_REQUEST', 'muteDuration must be a positive number of ms, or -1 for permanent.', {
      details: { path: '/durationMs' },
    });
  return now + durationMs;
}

export const isMuted = (until: number, now: number): boolean => until === -1 || until > now;
