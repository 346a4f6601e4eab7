#!/usr/bin/env node
/**
 * dist/pigeon.mjs (written by scripts/bundle.mjs): runs the one-file bundle dist/pigeon-bundle.cjs
 * through vm.Script with a V8 code cache, so a start deserializes the functions an earlier start
 * compiled instead of parsing and compiling 3.7 MB again (Node 20 has no module compile cache).
 *
 * The cache is written once, after `pigeon start` is ready, next to the bundle (or in
 * $PIGEON_CODE_CACHE, a directory; `off` turns it off). Its name carries the bundle's content hash
 * and the Node version; V8 itself refuses a cache from another V8 or other flags (then it is
 * rewritten). A cache that cannot be read or written only costs the compile time it would save.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Script, constants } from 'node:vm';

const HASH = '__PIGEON_BUNDLE_HASH__';
const bundle = fileURLToPath(new URL('./pigeon-bundle.cjs', import.meta.url));
const setting = process.env.PIGEON_CODE_CACHE;
const cacheDir = setting === 'off' ? undefined : setting || dirname(bundle);
const cacheFile = cacheDir && join(cacheDir, `pigeon-bundle.${HASH}.node-${process.version}-${process.arch}.v8cache`);

function readCache() {
  try {
    return cacheFile ? readFileSync(cacheFile) : undefined;
  } catch {
    return undefined;
  }
}

/** The compiled bundle, and whether a cache served (its bytes are dropped once V8 has read them). */
function compile() {
  const cachedData = readCache();
  const script = new Script(readFileSync(bundle, 'utf8'), {
    filename: bundle,
    cachedData,
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  /** off | none (no cache yet) | rejected (stale or corrupt: V8 compiled from source) | used */
  const state = !cacheFile ? 'off' : !cachedData ? 'none' : script.cachedDataRejected ? 'rejected' : 'used';
  return { script, state };
}

const { script, state } = compile();

/** Writes the cache (atomically) when there was none or V8 refused it; called once the server is ready. */
function save() {
  if (state === 'used' || state === 'off') return state;
  try {
    mkdirSync(cacheDir, { recursive: true });
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(tmp, script.createCachedData());
    renameSync(tmp, cacheFile);
    return 'written';
  } catch {
    return 'unwritable';
  }
}

globalThis[Symbol.for('pigeon.codeCache')] = { state, file: cacheFile, save };
const module = { exports: {} };
script.runInThisContext()(
  module.exports,
  createRequire(bundle),
  module,
  bundle,
  dirname(bundle),
  pathToFileURL(bundle).href,
);
