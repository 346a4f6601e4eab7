/** Durable presence state: custom status texts and subscriptions (online devices live in the hub). */
export interface PresenceStatusRow {
  ext: string;
  updatedAt: number;
}

export interface PresenceRepository {
  statuses(appId: string, users: string[]): Promise<Map<string, PresenceStatusRow>>;
  setStatus(appId: string, user: string, ext: string, at: number): Promise<void>;
  /** Creates or renews subscriptions (a renewal replaces the expiry) and drops the subscriber's expired ones. */
  subscribe(appId: string, subscriber: string, targets: string[], expiresAt: number, now: number): Promise<void>;
  unsubscribe(appId: string, subscriber: string, targets: string[]): Promise<void>;
  /** The subscriber's live subscriptions (expiresAt > now), ordered by target, paged. */
  subscriptions(
    appId: string,
    subscriber: string,
    now: number,
    offset: number,
    limit: number,
  ): Promise<{ subs: Array<{ user: string; expiresAt: number }>; total: number }>;
  /** Expiry of the subscriber's live subscriptions to these targets. */
  expiries(appId: string, subscriber: string, targets: string[], now: number): Promise<Map<string, number>>;
  /** Who holds a live subscription to the target, and until when. */
  subscribersOf(appId: string, target: string, now: number): Promise<Array<{ user: string; expiresAt: number }>>;
  removeUser(appId: string, user: string): Promise<void>;
}
