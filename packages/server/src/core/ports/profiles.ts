import type { ProfileAttrs } from '@pigeon/protocol';

export interface ProfileRepository {
  /** Profiles of the users that have one. */
  get(appId: string, users: string[]): Promise<Map<string, ProfileAttrs>>;
  /** Replaces the user's whole profile. */
  put(appId: string, user: string, attrs: ProfileAttrs, at: number): Promise<void>;
  /** Removes the profile; false when there was none. */
  remove(appId: string, user: string): Promise<boolean>;
}
