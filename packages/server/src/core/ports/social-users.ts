/** What groups and chatrooms keep about a user, looked up and dropped when the user is deleted. */
export interface SocialUserRepository {
  /** Ids of the groups the user owns. */
  ownedGroups(appId: string, user: string): Promise<string[]>;
  /** Ids of the chatrooms the user owns. */
  ownedRooms(appId: string, user: string): Promise<string[]>;
  /** Ids of the groups the user is a member of (owner included). */
  memberOf(appId: string, user: string): Promise<string[]>;
  /** The chatroom lists (admin, mute, block ...) that name the user. */
  roomLists(appId: string, user: string): Promise<Array<{ roomId: string; kind: string }>>;
  /** Drops the user's group requests and invitations, group and chatroom list entries, super admin role. */
  forget(appId: string, user: string): Promise<void>;
}
