import type { UserRecord } from '../types.js';

export type UserPatch = Partial<
  Pick<UserRecord, 'passwordHash' | 'nickname' | 'activated' | 'tokenVersion' | 'revokedBefore' | 'modifiedAt'>
>;

export interface UserRepository {
  /** Inserts the users whose names are free; returns the names that already existed (not inserted). */
  insertMany(users: UserRecord[]): Promise<string[]>;
  get(appId: string, username: string): Promise<UserRecord | undefined>;
  /** Names among `usernames` that exist in the app. */
  existing(appId: string, usernames: string[]): Promise<string[]>;
  /** Users ordered by name, after `after` when given. */
  list(appId: string, after: string | undefined, limit: number): Promise<UserRecord[]>;
  update(appId: string, username: string, patch: UserPatch): Promise<boolean>;
  delete(appId: string, username: string): Promise<boolean>;
}
