/**
 * One device's delivery cursors (user + SDK resource): per conversation, the seq up to which it pulled
 * and acked (the msync SYNC key). Loaded from the store when the device logs in and written through
 * on every move, so a restart or another cluster node neither repeats nor skips. A conversation the
 * device has no cursor for starts at the user's read position (seeded in memory only).
 */
import type { Logger } from '../../core/index.js';
import type { MsyncCursorRepository } from '../../core/ports/index.js';

export interface DeviceKey {
  appId: string;
  user: string;
  resource: string;
}

export class DeviceCursors {
  readonly #repo: MsyncCursorRepository;
  readonly #key: DeviceKey;
  readonly #seqs: Map<string, number>;
  readonly #logger: Logger;

  private constructor(repo: MsyncCursorRepository, key: DeviceKey, seqs: Map<string, number>, logger: Logger) {
    this.#repo = repo;
    this.#key = key;
    this.#seqs = seqs;
    this.#logger = logger;
  }

  static async load(repo: MsyncCursorRepository, key: DeviceKey, logger: Logger): Promise<DeviceCursors> {
    return new DeviceCursors(repo, key, await repo.load(key.appId, key.user, key.resource), logger);
  }

  get(conv: string): number {
    return this.#seqs.get(conv) ?? 0;
  }

  /** A starting point for a conversation this device never pulled (not stored: the read position is). */
  seed(conv: string, seq: number): void {
    if (!this.#seqs.has(conv)) this.#seqs.set(conv, seq);
  }

  /** Moves the cursor forward and stores it; a failed write is logged (the move holds in this session). */
  async advance(conv: string, seq: number): Promise<void> {
    if (seq <= this.get(conv)) return;
    this.#seqs.set(conv, seq);
    const { appId, user, resource } = this.#key;
    try {
      await this.#repo.advance(appId, user, resource, conv, seq, Date.now());
    } catch (err) {
      this.#logger.warn({ err, appId, user, conv }, 'msync cursor not stored');
    }
  }
}
