/**
 * The core-chat builds stay small because they carry no feature family: no group, chatroom,
 * contact, allowlist, file or local-conversation-list code. Checked twice, so it cannot regress unnoticed: by the source
 * files esbuild put in a core build (its metafile), and by the op names in every built core file.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINI_PROGRAM_PLATFORMS, miniProgramCoreBuild } from '../../tsup.miniprogram.config.js';
import { bundlePath, ensureMiniProgramBuilds } from './harness.js';

const sdkDir = fileURLToPath(new URL('../../', import.meta.url));

/** Source files of the feature families (core/api/*, the contact log, group notices, the local conversation list). */
const FEATURE_SOURCES =
  /src[\\/]core[\\/](api[\\/](group|chatroom|contact|allowlist|files?|file-|presence|profiles|install|feature-parts)|contact-feed|group-notices|local-cache)/;
/** Wire ops only the feature families send. */
const FEATURE_OPS = [
  "'group.",
  "'room.",
  "'contact.",
  "'profile.",
  "'presence.",
  '"group.',
  '"room.',
  '"contact.',
  '/chatfiles',
];

let dir: string;
beforeAll(async () => {
  await ensureMiniProgramBuilds();
  dir = mkdtempSync(join(tmpdir(), 'pigeon-core-meta-'));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('core-chat builds', () => {
  it('bundle no feature-family source file (esbuild metafile of pigeon-wechat-core.js)', async () => {
    await build({
      ...miniProgramCoreBuild('wechat', join(sdkDir, 'src/entries/wechat-core.ts'), dir),
      metafile: true,
      silent: true,
      config: false,
    });
    const meta = JSON.parse(readFileSync(join(dir, 'metafile-cjs.json'), 'utf8')) as {
      outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
    };
    const inputs = Object.values(meta.outputs).flatMap((o) =>
      Object.entries(o.inputs)
        .filter(([, v]) => v.bytesInOutput > 0)
        .map(([f]) => f),
    );
    expect(inputs.some((f) => f.includes('connection.ts'))).toBe(true);
    expect(inputs.filter((f) => FEATURE_SOURCES.test(f))).toEqual([]);
  }, 60_000);

  it.each(MINI_PROGRAM_PLATFORMS)('pigeon-%s-core.js names no group, chatroom, contact or file op', (platform) => {
    const core = readFileSync(bundlePath(platform, true), 'utf8');
    expect(FEATURE_OPS.filter((op) => core.includes(op))).toEqual([]);
    // ...which the full build does, so the check looks for the right text
    const full = readFileSync(bundlePath(platform), 'utf8');
    expect(FEATURE_OPS.filter((op) => full.includes(op)).length).toBeGreaterThan(3);
  });
});
