/**
 * A real browser for web-adapter tests: Debian's chromium driven by playwright-core, loading the
 * browser bundle (dist/browser/pigeon.min.js), rebuilt first when its sources are newer.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'tsup';

const sdkDir = fileURLToPath(new URL('../../', import.meta.url));
export const BROWSER_BUNDLE = join(sdkDir, 'dist/browser/pigeon.min.js');
const SOURCES = [join(sdkDir, 'src'), join(sdkDir, '../protocol/src')];
const newest = (p: string): number =>
  statSync(p).isDirectory() ? Math.max(0, ...readdirSync(p).map((f) => newest(join(p, f)))) : statSync(p).mtimeMs;

export async function ensureBrowserBundle(): Promise<void> {
  if (existsSync(BROWSER_BUNDLE) && statSync(BROWSER_BUNDLE).mtimeMs > Math.max(...SOURCES.map(newest))) return;
  // The iife build of tsup.config.ts (the file itself is not imported: it is not part of the typed test program).
  await build({
    entry: { pigeon: join(sdkDir, 'src/web.ts') },
    format: ['iife'],
    platform: 'browser',
    globalName: 'PigeonSDK',
    outDir: join(sdkDir, 'dist/browser'),
    outExtension: () => ({ js: '.min.js' }),
    noExternal: [/^@pigeon\//],
    minify: true,
    target: 'es2017',
    tsconfig: join(sdkDir, 'tsconfig.json'),
    silent: true,
    config: false,
  });
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}
