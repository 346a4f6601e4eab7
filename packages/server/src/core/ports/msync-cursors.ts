/**
 * Delivery cursors of Easemob-SDK devices (the msync SYNC keys): per app, user, SDK resource and
 * conversation, the seq up to which the device has pulled and acked. Only the msync gateway uses them;
 * they live in the store so a restart or another node of the cluster does not deliver twice.
 */
export interface MsyncCursorRepository {
  /** The device's cursors, conversation key -> seq. */
  load(appId: string, user: string, resource: string): Promise<Map<string, number>>;
  /** Moves a cursor forward (never back: an older write arriving late changes nothing). */
  advance(appId: string, user: string, resource: string, conv: string, seq: number, at: number): Promise<void>;
  /** Forgets every device of a deleted user (a new user of the same name starts afresh). */
  removeUser(appId: string, user: string): Promise<void>;
}
