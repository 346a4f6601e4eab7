/** Relations between users of one app: friendships now, block lists and requests in later issues. */
export type RelationKind = 'friend' | 'block';

export interface RelationRepository {
  /** Adds the directed relation owner -> peer (a friendship is stored as two rows). */
  add(appId: string, owner: string, peer: string, kind: RelationKind, at: number): Promise<void>;
  remove(appId: string, owner: string, peer: string, kind: RelationKind): Promise<void>;
  has(appId: string, owner: string, peer: string, kind: RelationKind): Promise<boolean>;
  /** Removes every relation the user is part of (user deleted). */
  removeUser(appId: string, user: string): Promise<void>;
}
