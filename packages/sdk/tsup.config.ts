import { defineConfig } from 'tsup';
import { applySizeOptions, sizePlugin } from './build/size-plugins.js';
import { MINI_PROGRAM_PLATFORMS } from './tsup.miniprogram.config.js';

/**
 * npm builds (ESM + CJS + types) for `@pigeon/sdk`, `/web`, `/node` and `/<mini-program platform>`, and one minified browser
 * file (global `PigeonSDK`). @pigeon/protocol is bundled in (it is a dev dependency); `ws` stays an
 * import that only the node adapter makes, lazily.
 */
const shared = {
  noExternal: [/^@pigeon\//],
  external: ['ws'],
  target: 'es2019',
  treeshake: true,
  tsconfig: 'tsconfig.json',
} as const;

export default defineConfig([
  {
    ...shared,
    entry: {
      index: 'src/index.ts',
      web: 'src/web.ts',
      node: 'src/node.ts',
      // @pigeon/sdk/<platform>: one mini-program platform each (issue 3)
      ...Object.fromEntries(MINI_PROGRAM_PLATFORMS.map((p) => [p, `src/entries/${p}.ts`])),
      // @pigeon/sdk/<platform>/core: the chat core only, no feature families
      ...Object.fromEntries(MINI_PROGRAM_PLATFORMS.map((p) => [`${p}-core`, `src/entries/${p}-core.ts`])),
    },
    format: ['esm', 'cjs'],
    platform: 'neutral',
    // composite (for tsc -b) makes the d.ts program demand every file be listed: not needed here.
    dts: { resolve: true, compilerOptions: { composite: false, incremental: false } },
    sourcemap: true,
    // Keep the other builds' folders (browser bundle, tsup.miniprogram.config.ts's miniprogram/).
    clean: ['!browser/**', '!miniprogram/**'],
  },
  {
    ...shared,
    entry: { pigeon: 'src/web.ts' },
    format: ['iife'],
    platform: 'browser',
    globalName: 'PigeonSDK',
    outDir: 'dist/browser',
    outExtension: () => ({ js: '.min.js' }),
    minify: true,
    target: 'es2017',
    esbuildPlugins: [sizePlugin()],
    esbuildOptions: applySizeOptions,
  },
]);
