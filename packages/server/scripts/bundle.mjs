/**
 * `npm run build:bundle`: the whole server and CLI in one file, dist/pigeon-bundle.cjs, started by
 * dist/pigeon.mjs (scripts/launcher.mjs) with a V8 code cache; a cold start reads one file instead of
 * resolving and loading some 1,500 modules, and deserializes compiled code instead of compiling it.
 * Native modules stay outside (better-sqlite3, sharp, pg-native) and load from node_modules as before. Run after `npm run build` (tsc) or on its own.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Files that locate something relative to their own built path, rewritten for dist/. */
const RELOCATE = [{ file: 'src/http/routes/web-static.ts', from: "'../../../../web/dist'", to: "'../../web/dist'" }];

const relocate = {
  name: 'relocate',
  setup(b) {
    for (const r of RELOCATE) {
      const path = fileURLToPath(new URL(`../${r.file}`, import.meta.url));
      b.onLoad({ filter: new RegExp(`${r.file.replace(/[/.]/g, '\\$&')}$`) }, async (args) => {
        if (args.path !== path) return undefined;
        const text = await readFile(path, 'utf8');
        if (!text.includes(r.from)) throw new Error(`bundle: ${r.file} no longer contains ${r.from}`);
        return { contents: text.replace(r.from, r.to), loader: 'ts' };
      });
    }
  },
};

const dist = new URL('../dist/', import.meta.url);
// Files of earlier builds: the split ES-module chunks, and code caches of other bundle contents.
for (const f of await readdir(dist).catch(() => []))
  if (/^pigeon\..+\.[A-Z0-9]+\.mjs(\.map)?$|^pigeon\.mjs\.map$|^pigeon-bundle\..+\.v8cache/.test(f))
    await rm(new URL(f, dist));

const built = await build({
  absWorkingDir: root,
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/pigeon-bundle.cjs',
  write: false,
  bundle: true,
  platform: 'node',
  // One CommonJS script, so that scripts/launcher.mjs can run it through vm.Script with a V8 code
  // cache. Dynamic imports (sharp, the msync gateway, CLI commands) are still evaluated on first use.
  format: 'cjs',
  target: 'node20',
  minifySyntax: true,
  minifyWhitespace: true,
  // Identifiers are kept as written, so CPU profiles of the bundle name the functions.
  keepNames: true,
  legalComments: 'none',
  sourcemap: 'linked',
  external: ['better-sqlite3', 'sharp', 'pg-native'],
  // The launcher passes the bundle's own URL for the modules that locate files relative to themselves.
  define: { 'import.meta.url': '__pigeonUrl' },
  plugins: [relocate],
  logLevel: 'warning',
});

/** The bundle as one function expression the launcher calls; the first line keeps its number. */
const wrap = (code) =>
  `(function (exports, require, module, __filename, __dirname, __pigeonUrl) {${code.replace(/^#!.*/, '')}\n})`;

for (const out of built.outputFiles) {
  const text = out.path.endsWith('.cjs') ? wrap(out.text) : out.text;
  await writeFile(out.path, text);
  if (!out.path.endsWith('.cjs')) continue;
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const launcher = await readFile(new URL('launcher.mjs', import.meta.url), 'utf8');
  if (!launcher.includes('__PIGEON_BUNDLE_HASH__')) throw new Error('bundle: launcher.mjs lost its hash placeholder');
  await writeFile(new URL('pigeon.mjs', dist), launcher.replace('__PIGEON_BUNDLE_HASH__', hash), { mode: 0o755 });
}
