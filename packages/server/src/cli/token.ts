import { mintUserToken, parseDurationSeconds } from '../core/index.js';

export interface TokenArgs {
  app?: string;
  user?: string;
  ttl?: string;
  secret?: string;
  data?: string;
}

export async function tokenCommand(a: TokenArgs): Promise<string> {
  if (!a.app || !a.user) throw new Error('pigeon token needs --app org#app and --user <name>');
  const appKey = a.app;
  const ttlSeconds = parseDurationSeconds(a.ttl ?? '7d');
  const clientSecret = a.secret ?? (await secretFromDatabase(a.data, appKey));
  return mintUserToken({ appKey, clientSecret, user: a.user, ttlSeconds });
}

async function secretFromDatabase(dataDir: string | undefined, appKey: string): Promise<string> {
  const { withOfflineCore } = await import('./offline-core.js');
  return withOfflineCore(dataDir, async (core) => (await core.apps.get(appKey)).clientSecret);
}
