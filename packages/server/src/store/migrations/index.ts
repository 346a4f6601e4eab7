/** Migrations live in code (no files to find at run time), in order; never edit one that shipped. */
import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-initial.js';
import * as m0002 from './0002-groups-chatrooms.js';
import * as m0004 from './0004-contacts.js';
import * as m0006 from './0006-files.js';
import * as m0007 from './0007-console.js';
import * as m0008 from './0008-webhooks.js';
import * as m0009 from './0009-social-extras.js';
import * as m0010 from './0010-msync-cursors.js';
import * as m0011 from './0011-dedup-index-order.js';

const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-groups-chatrooms': m0002,
  '0004-contacts': m0004,
  '0006-files': m0006,
  '0007-console': m0007,
  '0008-webhooks': m0008,
  '0009-social-extras': m0009,
  '0010-msync-cursors': m0010,
  '0011-dedup-index-order': m0011,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
