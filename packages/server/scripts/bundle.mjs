/**
 * `npm run build:bundle`: the whole server and CLI in one ES module, dist/pigeon.mjs, so a cold start
 * reads and links one file instead of resolving and loading some 1,500 modules. Native modules stay
 * outside (better-sqlite3, sharp, pg-native) and load from node_modules as before; so do the few
 * packages read at run time from their own folders. Run after `npm run build` (tsc) or on its own.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Files that locate something relative to their own built path, rewritten for dist/pigeon.mjs. */
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

// Chunks of an earlier build (their names carry a content hash) would otherwise pile up.
for (const f of await readdir(new URL('../dist/', import.meta.url)).catch(() => []))
  if (/^pigeon\..+\.[A-Z0-9]+\.mjs(\.map)?$/.test(f)) await rm(new URL(`../dist/${f}`, import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: { pigeon: 'src/cli.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  // Every dynamic import() stays a separate file loaded on first use (the sharp image library, the
  // msync gateway, CLI commands other than the one run), next to dist/pigeon.mjs so that paths
  // relative to a module's own URL are the same in every chunk.
  splitting: true,
  chunkNames: 'pigeon.[name].[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minifySyntax: true,
  minifyWhitespace: true,
  // Identifiers are kept as written, so CPU profiles of the bundle name the functions.
  keepNames: true,
  legalComments: 'none',
  sourcemap: 'linked',
  external: ['better-sqlite3', 'sharp', 'pg-native'],
  // CommonJS dependencies call require() for Node's built-ins; give the module a real one.
  banner: {
    js: "import { createRequire as __pigeonRequire } from 'node:module';\nconst require = __pigeonRequire(import.meta.url);",
  },
  plugins: [relocate],
  logLevel: 'warning',
});
