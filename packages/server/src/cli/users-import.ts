/** `pigeon users import <file> --app org#app`: offline, straight into the data directory's database. */
import { importUsers, summary } from './import/import-users.js';
import { withOfflineCore } from './offline-core.js';

export interface UsersImportArgs {
  app?: string;
  data?: string;
  rejects?: string;
  batch?: string;
  'hash-cost'?: string;
}

function intArg(v: string | undefined, name: string, min: number, max: number, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be an integer from ${min} to ${max}`);
  return n;
}

export async function usersImportCommand(a: UsersImportArgs, file: string | undefined): Promise<string> {
  if (!a.app || !file) throw new Error('pigeon users import needs <file.csv|file.json|file.jsonl> and --app org#app');
  const batchSize = intArg(a.batch, 'batch', 1, 5000, 1000);
  const cost = a['hash-cost'] === undefined ? undefined : intArg(a['hash-cost'], 'hash-cost', 2, 1 << 20, 16_384);
  if (cost !== undefined && (cost & (cost - 1)) !== 0) throw new Error('--hash-cost must be a power of two');
  const rejectsFile = a.rejects ?? `${file}.rejects.csv`;
  const started = Date.now();
  const result = await withOfflineCore(
    a.data,
    async (core) =>
      importUsers(core, await core.apps.get(a.app!), { file, rejectsFile, batchSize, progressOut: process.stderr }),
    cost === undefined ? {} : { passwordCost: cost },
  );
  return summary(result, { file, rejectsFile, seconds: (Date.now() - started) / 1000 });
}
