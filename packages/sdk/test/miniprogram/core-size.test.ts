/**
 * A byte budget for the WeChat core-chat single-file build (issue 3: a small fraction of
 * easemob-websdk's miniProgram build), so it cannot silently grow back. A size check, not a timing:
 * the build is deterministic for a given esbuild version. Built fresh here with the shipped options
 * (tsup.miniprogram.config.ts), never read from a possibly stale dist/.
 *
 * Raising a budget is a decision: say why in the commit and update docs/benchmarks.md (SDK size).
 * The budget lives in tsup.miniprogram.config.ts (WECHAT_CORE_BUDGET); after a cut, lower it to just
 * above the new size (`node bench/sdk-size.mjs` prints the figures).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'tsup';
import { afterAll, describe, expect, it } from 'vitest';
import { WECHAT_CORE_BUDGET, miniProgramCoreBuild } from '../../tsup.miniprogram.config.js';

const sdkDir = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'pigeon-core-size-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pigeon-wechat-core.js size', () => {
  it('stays within its byte budget (minified and gzipped)', async () => {
    await build({
      ...miniProgramCoreBuild('wechat', join(sdkDir, 'src/entries/wechat-core.ts'), dir),
      silent: true,
      config: false,
    });
    const code = readFileSync(join(dir, 'pigeon-wechat-core.js'));
    const size = { minified: code.length, gzip: gzipSync(code, { level: 9 }).length };
    expect(size.minified).toBeLessThanOrEqual(WECHAT_CORE_BUDGET.minified);
    expect(size.gzip).toBeLessThanOrEqual(WECHAT_CORE_BUDGET.gzip);
  }, 60_000);
});
