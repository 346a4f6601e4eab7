/**
 * Choosing the platform adapter. Each build passes its own list of entries (the root entry: every
 * platform it bundles; `@pigeon/sdk/web`: just web). An explicit `platform` option always wins;
 * otherwise the first entry whose detect() is true, in list order.
 */
import type { Platform as PlatformName } from '@pigeon/protocol';
import { invalid } from './errors.js';
import type { PlatformAdapter } from './platform.js';

export interface PlatformEntry {
  readonly name: PlatformName;
  /** True when running on this platform. Must only use `typeof x !== 'undefined'` style checks. */
  detect(): boolean;
  create(): PlatformAdapter;
}

export function detectPlatform(entries: readonly PlatformEntry[]): PlatformEntry | undefined {
  return entries.find((e) => {
    try {
      return e.detect();
    } catch {
      return false;
    }
  });
}

export function resolvePlatform(
  choice: PlatformAdapter | PlatformName | undefined,
  entries: readonly PlatformEntry[],
): PlatformAdapter {
  if (choice && typeof choice === 'object') return choice;
  const names = entries.map((e) => e.name);
  if (typeof choice === 'string') {
    const entry = entries.find((e) => e.name === choice);
    if (!entry)
      throw invalid(`Platform "${choice}" is not in this build (it has: ${names.join(', ')})`, { field: 'platform' });
    return entry.create();
  }
  const found = detectPlatform(entries);
  if (!found) throw invalid(`Could not detect the platform (tried: ${names.join(', ')}); pass the platform option`);
  return found.create();
}
