/**
 * Opens the configured store: one dialect folder per database (sqlite/, postgres/), chosen
 * from a registry map; the repositories above the dialect are shared.
 */
import type { Kysely } from 'kysely';
import type { Repositories } from '../core/ports/index.js';
import { migrateToLatest } from './migrate.js';
import { appRepository } from './repositories/app-repository.js';
import { contactRepository } from './repositories/contact-repository.js';
import { chatroomRepository } from './repositories/chatroom-repository.js';
import { groupListRepository } from './repositories/group-list-repository.js';
import { groupMemberRepository } from './repositories/group-member-repository.js';
import { groupRepository } from './repositories/group-repository.js';
import { consoleRepository } from './repositories/console-repository.js';
import { conversationRepository } from './repositories/conversation-repository.js';
import { fileRepository } from './repositories/file-repository.js';
import { messageRepository } from './repositories/message-repository.js';
import { msyncCursorRepository } from './repositories/msync-cursor-repository.js';
import { presenceRepository } from './repositories/presence-repository.js';
import { socialUserRepository } from './repositories/social-user-repository.js';
import { chatroomAttrRepository } from './repositories/chatroom-attr-repository.js';
import { profileRepository } from './repositories/profile-repository.js';
import { relationRepository } from './repositories/relation-repository.js';
import { userRepository } from './repositories/user-repository.js';
import { webhookRepository } from './repositories/webhook-repository.js';
import { storageHealth, type StorageHealth } from '../storage-health.js';
import type { Database } from './schema.js';
import { openSqliteRaw, type Durability } from './sqlite/open-sqlite.js';
import { sqliteCommitter, type SyncCommit } from './sqlite/sqlite-commit.js';
import type { AsyncCommit } from './postgres/pg-commit.js';
import { storageGuardedCommit } from './sqlite/storage-guard.js';

export interface StoreOptions {
  driver: 'sqlite' | 'postgres';
  dataDir: string;
  durability: Durability;
  /** postgres://... (postgres only). */
  url?: string;
  /** Connections per node (postgres only). */
  poolSize?: number;
  /** Errors of idle pooled connections (postgres only); they never crash the process. */
  onError?: (e: Error) => void;
  /** Told about writes refused for a full disk or a read-only data directory (sqlite only). */
  health?: StorageHealth;
}

export interface Store {
  readonly repos: Repositories;
  readonly db: Kysely<Database>;
  close(): Promise<void>;
}

/** Paths a dialect runs without the query builder (the group commit). */
export interface FastPaths {
  /** SQLite: statements prepared once, run synchronously under Kysely's connection. */
  commit?: SyncCommit;
  /** PostgreSQL: one named statement per batch (postgres/pg-commit.ts). */
  commitAsync?: AsyncCommit;
}

interface Opened {
  db: Kysely<Database>;
  fast?: FastPaths;
}

/** A dialect's driver loads when it is chosen: a SQLite node never loads pg. */
interface Dialect {
  open(o: StoreOptions): Promise<Opened>;
  /** Runs the migrator so that nodes starting together do not race. */
  migrate(db: Kysely<Database>): Promise<unknown>;
}

const DIALECTS: Record<StoreOptions['driver'], Dialect> = {
  sqlite: {
    open: async (o) => {
      const health = o.health ?? storageHealth(o.dataDir);
      const { db, raw, checkpointer } = openSqliteRaw({ dataDir: o.dataDir, durability: o.durability, health });
      return {
        db,
        fast: {
          commit: storageGuardedCommit(
            sqliteCommitter(raw, () => checkpointer.start()),
            health,
          ),
        },
      };
    },
    migrate: migrateToLatest,
  },
  postgres: {
    open: async (o) => {
      if (!o.url) throw new Error('db.url (postgres://...) is required for PostgreSQL');
      const { openPostgresRaw } = await import('./postgres/open-postgres.js');
      const { pgCommitter } = await import('./postgres/pg-commit.js');
      const { db, pool } = openPostgresRaw({ url: o.url, poolSize: o.poolSize ?? 10, onError: o.onError });
      return { db, fast: { commitAsync: pgCommitter(pool) } };
    },
    migrate: async (db) => (await import('./postgres/migrate-locked.js')).withMigrationLock(db, migrateToLatest),
  },
};

export function repositories(db: Kysely<Database>, fast: FastPaths = {}): Repositories {
  return {
    apps: appRepository(db),
    users: userRepository(db),
    relations: relationRepository(db),
    messages: messageRepository(db, fast),
    conversations: conversationRepository(db),
    contacts: contactRepository(db),
    profiles: profileRepository(db),
    presence: presenceRepository(db),
    groups: groupRepository(db),
    groupMembers: groupMemberRepository(db),
    groupLists: groupListRepository(db),
    chatrooms: chatroomRepository(db),
    console: consoleRepository(db),
    files: fileRepository(db),
    webhooks: webhookRepository(db),
    socialUsers: socialUserRepository(db),
    chatroomAttrs: chatroomAttrRepository(db),
    msyncCursors: msyncCursorRepository(db),
  };
}

export async function openStore(o: StoreOptions): Promise<Store> {
  const dialect = DIALECTS[o.driver];
  const { db, fast } = await dialect.open(o);
  try {
    await dialect.migrate(db);
  } catch (e) {
    await db.destroy();
    throw e;
  }
  return { db, repos: repositories(db, fast), close: () => db.destroy() };
}
