/**
 * Opens the configured store: one dialect folder per database (sqlite/ now, postgres/ later), chosen
 * from a registry map; the repositories above the dialect are shared.
 */
import type { Kysely } from 'kysely';
import type { Repositories } from '../core/ports/index.js';
import { migrateToLatest } from './migrate.js';
import { appRepository } from './repositories/app-repository.js';
import { chatroomRepository } from './repositories/chatroom-repository.js';
import { groupListRepository } from './repositories/group-list-repository.js';
import { groupMemberRepository } from './repositories/group-member-repository.js';
import { groupRepository } from './repositories/group-repository.js';
import { consoleRepository } from './repositories/console-repository.js';
import { conversationRepository } from './repositories/conversation-repository.js';
import { messageRepository } from './repositories/message-repository.js';
import { relationRepository } from './repositories/relation-repository.js';
import { userRepository } from './repositories/user-repository.js';
import type { Database } from './schema.js';
import { openSqlite, type Durability } from './sqlite/open-sqlite.js';

export interface StoreOptions {
  driver: 'sqlite';
  dataDir: string;
  durability: Durability;
}

export interface Store {
  readonly repos: Repositories;
  readonly db: Kysely<Database>;
  close(): Promise<void>;
}

const DIALECTS: Record<StoreOptions['driver'], (o: StoreOptions) => Kysely<Database>> = {
  sqlite: (o) => openSqlite({ dataDir: o.dataDir, durability: o.durability }),
};

export function repositories(db: Kysely<Database>): Repositories {
  return {
    apps: appRepository(db),
    users: userRepository(db),
    relations: relationRepository(db),
    messages: messageRepository(db),
    conversations: conversationRepository(db),
    groups: groupRepository(db),
    groupMembers: groupMemberRepository(db),
    groupLists: groupListRepository(db),
    chatrooms: chatroomRepository(db),
    console: consoleRepository(db),
  };
}

export async function openStore(o: StoreOptions): Promise<Store> {
  const db = DIALECTS[o.driver](o);
  try {
    await migrateToLatest(db);
  } catch (e) {
    await db.destroy();
    throw e;
  }
  return { db, repos: repositories(db), close: () => db.destroy() };
}
