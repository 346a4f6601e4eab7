/**
 * The V8 code cache of the one-file build (scripts/launcher.mjs, which runs dist/pigeon-bundle.cjs):
 * whether this start used one, and writing it once the server is ready, when there was none.
 */
export type CodeCacheState = 'off' | 'none' | 'rejected' | 'used';

interface LauncherHook {
  state: CodeCacheState;
  file?: string;
  save(): string;
}

const hook = (): LauncherHook | undefined =>
  (globalThis as Record<symbol, LauncherHook | undefined>)[Symbol.for('pigeon.codeCache')];

/** The banner line, or nothing when not started by the launcher (dist/cli.js, tests). */
export function codeCacheLine(): string | undefined {
  const h = hook();
  if (!h) return undefined;
  const said = { off: 'off ($PIGEON_CODE_CACHE=off)', none: 'none yet', rejected: 'stale, not used', used: 'used' };
  return `  code cache:    ${said[h.state]}${h.file && h.state !== 'off' ? ` (${h.file})` : ''}`;
}

/** Writes the cache after the ready line is out (the functions compiled by the start are in it). */
export function saveCodeCacheSoon(): void {
  const h = hook();
  if (h && (h.state === 'none' || h.state === 'rejected')) setImmediate(() => h.save());
}
