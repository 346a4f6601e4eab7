/**
 * The mini-program end-to-end harness: builds the single-file SDKs when their sources changed,
 * loads one into a vm context next to a simulated platform runtime (as a mini-program loads a
 * copied `sdk/pigeon-<platform>.js`), and talks to a REAL Pigeon server.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';
import { MINI_PROGRAM_PLATFORMS, miniProgramBuild, miniProgramCoreBuild } from '../../tsup.miniprogram.config.js';
import { loadBundle } from '../runtimes/load-bundle.js';
import { buildName, createSimPlatform, type MiniProgramPlatform, type SimPlatform } from '../runtimes/index.js';
import type { SimOptions } from '../runtimes/sim-runtime.js';

const sdkDir = fileURLToPath(new URL('../../', import.meta.url));
export const BUILD_DIR = join(sdkDir, 'dist/miniprogram');
const SOURCES = [
  join(sdkDir, 'src'),
  join(sdkDir, '../protocol/src'),
  join(sdkDir, 'build'),
  join(sdkDir, 'tsup.miniprogram.config.ts'),
];

const newest = (p: string): number =>
  statSync(p).isDirectory() ? Math.max(0, ...readdirSync(p).map((f) => newest(join(p, f)))) : statSync(p).mtimeMs;

/** `core`: the core-chat build, pigeon-<platform>-core.js. */
export const bundlePath = (platform: string, core = false): string =>
  join(BUILD_DIR, `pigeon-${platform}${core ? '-core' : ''}.js`);

/** Rebuilds dist/miniprogram/*.js (full and core-chat) when any source is newer than the oldest build. */
export async function ensureMiniProgramBuilds(): Promise<void> {
  const files = MINI_PROGRAM_PLATFORMS.flatMap((p) => [bundlePath(p), bundlePath(p, true)]);
  const built = files.every(existsSync) ? Math.min(...files.map((f) => statSync(f).mtimeMs)) : 0;
  if (built > Math.max(...SOURCES.map(newest))) return;
  for (const p of MINI_PROGRAM_PLATFORMS) {
    await build({
      ...miniProgramBuild(p, join(sdkDir, `src/entries/${p}.ts`), BUILD_DIR),
      silent: true,
      config: false,
    });
    await build({
      ...miniProgramCoreBuild(p, join(sdkDir, `src/entries/${p}-core.ts`), BUILD_DIR),
      silent: true,
      config: false,
    });
  }
}

/** What a mini-program build exports: the SDK object (Easemob's default-export shape). */
export interface MiniSdk {
  connection: new (options: Record<string, unknown>) => MiniConnection;
  message: { create(o: Record<string, unknown>): Record<string, unknown> };
  uniAppShown?(): void;
  uniAppHidden?(): void;
  [k: string]: unknown;
}

export interface MiniConnection {
  readonly state: string;
  open(p: { user: string; pwd?: string; accessToken?: string }): Promise<unknown>;
  close(): Promise<void>;
  send(msg: Record<string, unknown>): Promise<unknown>;
  addEventHandler(id: string, h: Record<string, (...a: never[]) => void>): void;
  localCache: {
    getLocalConversations(): Promise<{
      data: { conversationId: string; unReadCount: number; lastMessage?: unknown }[];
    }>;
  };
  cancelUpload(msg: { id: string } | string): boolean;
  downloadFile(p: { url: string; secret?: string; thumbnail?: boolean }): Promise<{ status: number; path?: string }>;
}

export interface LoadedMiniProgram extends SimPlatform {
  SDK: MiniSdk;
  leakedGlobals(): string[];
}

/** A fresh simulated runtime with the platform's single-file build (`core`: the core-chat one) loaded on it. */
export function loadMiniProgram(platform: MiniProgramPlatform, opt: SimOptions = {}, core = false): LoadedMiniProgram {
  const sim = createSimPlatform(platform, opt);
  const b = loadBundle<MiniSdk>(bundlePath(buildName(platform), core), { [sim.global]: sim.api }, sim.runtime.timers);
  return { ...sim, SDK: b.exports, leakedGlobals: b.leakedGlobals };
}

/** Tells the SDK the app came back / went away: the runtime's own events, plus App.vue's calls on uni-app. */
export function hideApp(m: LoadedMiniProgram): void {
  m.runtime.hide();
  if (m.platform === 'uniapp') m.SDK.uniAppHidden?.();
}

export function showApp(m: LoadedMiniProgram): void {
  m.runtime.show();
  if (m.platform === 'uniapp') m.SDK.uniAppShown?.();
}
