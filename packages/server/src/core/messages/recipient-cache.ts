/**
 * The send path's per-message lookups (does the recipient exist? has the recipient blocked the
 * sender?) were a database read each, as costly as the commit itself. This keeps their answers for
 * `ttlMs`. Every write through this node's repositories (a user created or deleted, a block added
 * or removed) empties it at once; a write on another node of a cluster is seen within `ttlMs`.
 * Only the send path reads through the cache: sign-in and everything else read the store.
 */
import type { Repositories } from '../ports/index.js';
import type { RelationRepository } from '../ports/relations.js';
import type { UserRepository } from '../ports/users.js';
import type { Clock } from '../ports/clock.js';
import type { UserRecord } from '../types.js';

export interface RecipientCacheOptions {
  ttlMs: number;
  /** Entries kept per kind; the oldest go first beyond it. */
  maxEntries: number;
}

export const DEFAULT_RECIPIENT_CACHE: RecipientCacheOptions = { ttlMs: 1000, maxEntries: 100_000 };

/** The answer, or the one read in flight that every concurrent send for the same key waits on. */
interface Entry<T> {
  value: Promise<T>;
  until: number;
}

const key = (...parts: string[]) => parts.join('\u0000');

export class RecipientCache {
  readonly #users = new Map<string, Entry<UserRecord | undefined>>();
  readonly #blocks = new Map<string, Entry<boolean>>();
  readonly #clock: Clock;
  readonly #o: RecipientCacheOptions;
  constructor(clock: Clock, options: RecipientCacheOptions = DEFAULT_RECIPIENT_CACHE) {
    this.#clock = clock;
    this.#o = options;
  }

  /** The repositories with writes that evict; give these to the whole core. */
  watch(repos: Repositories): Repositories {
    const { users, relations } = repos;
    return {
      ...repos,
      users: {
        ...users,
        insertMany: (rows) => this.#evicting(() => users.insertMany(rows)),
        delete: (a, u) => this.#evicting(() => users.delete(a, u)),
      },
      relations: {
        ...relations,
        add: (a, o, p, k, at) => this.#evicting(() => relations.add(a, o, p, k, at)),
        remove: (a, o, p, k) => this.#evicting(() => relations.remove(a, o, p, k)),
        removeUser: (a, u) => this.#evicting(() => relations.removeUser(a, u)),
      },
    };
  }

  /** Views for the send path: `users.get` and block checks answered from the cache. */
  views(repos: Pick<Repositories, 'users' | 'relations'>): { users: UserRepository; relations: RelationRepository } {
    const { users, relations } = repos;
    return {
      users: { ...users, get: (a, u) => this.#read(this.#users, key(a, u), () => users.get(a, u)) },
      relations: {
        ...relations,
        has: (a, o, p, k) =>
          k === 'block'
            ? this.#read(this.#blocks, key(a, o, p), () => relations.has(a, o, p, k))
            : relations.has(a, o, p, k),
      },
    };
  }

  #read<T>(map: Map<string, Entry<T>>, k: string, load: () => Promise<T>): Promise<T> {
    const now = this.#clock.now();
    const hit = map.get(k);
    if (hit && hit.until > now) return hit.value;
    const value = load();
    const entry = { value, until: now + this.#o.ttlMs };
    map.delete(k);
    if (map.size >= this.#o.maxEntries) map.delete(map.keys().next().value!);
    map.set(k, entry);
    // A failed read is not kept; a write meanwhile has emptied the map, so a stale answer is not kept either.
    value.catch(() => map.get(k) === entry && map.delete(k));
    return value;
  }

  /** Writes are rare next to sends: each one simply empties the cache, before and after. */
  async #evicting<T>(write: () => Promise<T>): Promise<T> {
    this.#clear();
    try {
      return await write();
    } finally {
      this.#clear();
    }
  }

  #clear(): void {
    this.#users.clear();
    this.#blocks.clear();
  }
}
