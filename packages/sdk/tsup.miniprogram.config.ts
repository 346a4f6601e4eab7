/**
 * Single-file mini-program builds: dist/miniprogram/pigeon-<platform>.js, one per platform (and
 * pigeon-<platform>-core.js, the chat core only), that a
 * project copies into its `sdk/` folder and `require`s or `import`s (seeds 000/001). CommonJS,
 * minified, everything bundled (no dependencies), no Node built-ins: `platform: 'neutral'`
 * resolves none, so an accidental `node:` import fails the build.
 *
 *   npx tsup --config tsup.miniprogram.config.ts          (from packages/sdk)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Options } from 'tsup';
import { applySizeOptions, sizePlugin } from './build/size-plugins.js';

/** @pigeon/protocol from source, so a build never picks up a stale protocol dist. */
const protocolSrc = fileURLToPath(new URL('../protocol/src/index.ts', import.meta.url));
const here = fileURLToPath(new URL('.', import.meta.url));

/** The package is ESM ("type": "module"): mark the folder CommonJS so Node and bundlers read these files as such. */
async function markCommonJs(outDir: string): Promise<void> {
  const dir = isAbsolute(outDir) ? outDir : join(here, outDir);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), '{ "type": "commonjs" }\n');
}

export const MINI_PROGRAM_PLATFORMS = ['wechat', 'qq', 'alipay', 'baidu', 'bytedance', 'uniapp'] as const;

/**
 * `module.exports` becomes the SDK object itself, with every named export (PigeonError, ...) and
 * `default` on it, so `require()`, `import X from` (the devtools' Babel interop) and
 * `const { connection } = require()` all work.
 */
const footer = 'var __d=module.exports.default;module.exports=Object.assign({},module.exports,__d,{default:__d});';

export const miniProgramBuild = (
  platform: string,
  entry = `src/entries/${platform}.ts`,
  outDir = 'dist/miniprogram',
  name = `pigeon-${platform}`,
): Options => ({
  entry: { [name]: entry },
  outDir,
  format: ['cjs'],
  outExtension: () => ({ js: '.js' }),
  platform: 'neutral',
  // ES2017: async/await are native everywhere; newer syntax (?. ?? #private, object spread) is lowered.
  target: 'es2017',
  bundle: true,
  noExternal: [/.*/],
  splitting: false,
  // esbuild's own tree shaking (bundle + minify); tsup's rollup pass would reorder the footer.
  treeshake: false,
  minify: true,
  sourcemap: false,
  dts: false,
  clean: false,
  footer: { js: footer },
  esbuildPlugins: [sizePlugin()],
  onSuccess: () => markCommonJs(outDir),
  esbuildOptions(o) {
    o.mainFields = ['module', 'main'];
    o.conditions = ['import', 'default'];
    o.legalComments = 'none';
    o.alias = { '@pigeon/protocol': protocolSrc };
    applySizeOptions(o);
  },
});

/** The core-chat single-file builds, dist/miniprogram/pigeon-<platform>-core.js (src/entries/<platform>-core.ts). */
export const miniProgramCoreBuild = (
  platform: string,
  entry = `src/entries/${platform}-core.ts`,
  outDir = 'dist/miniprogram',
): Options => miniProgramBuild(platform, entry, outDir, `pigeon-${platform}-core`);

export default defineConfig(MINI_PROGRAM_PLATFORMS.flatMap((p) => [miniProgramBuild(p), miniProgramCoreBuild(p)]));
