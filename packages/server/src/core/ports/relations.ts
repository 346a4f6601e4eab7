/** Relations between users of one app: friendships (two rows, one per direction) and block lists. */
export type RelationKind = 'friend' | 'block';

export interface RelationRow {
  peer: string;
  remark: string;
  createdAt: number;
}

export interface RelationRepository {
  /** Adds the directed relation owner -> peer (a friendship is stored as two rows). */
  add(appId: string, owner: string, peer: string, kind: RelationKind, at: number): Promise<void>;
  remove(appId: string, owner: string, peer: string, kind: RelationKind): Promise<void>;
  has(appId: string, owner: string, peer: string, kind: RelationKind): Promise<boolean>;
  /** The owner's relations of one kind, ordered by peer name, after `afterPeer` when given. */
  list(
    appId: string,
    owner: string,
    kind: RelationKind,
    afterPeer: string | undefined,
    limit: number,
  ): Promise<RelationRow[]>;
  count(appId: string, owner: string, kind: RelationKind): Promise<number>;
  /** Sets the owner's remark on a friend; false when they are not friends. */
  setRemark(appId: string, owner: string, peer: string, remark: string): Promise<boolean>;
  /** Removes every relation the user is part of, and the contact requests to and from them (user deleted). */
  removeUser(appId: string, user: string): Promise<void>;
}
