/**
 * Every simulated platform runtime by Pigeon platform name, for tests that loop over all of them
 * (narrow with PIGEON_PLATFORMS=wechat,alipay).
 */
import type { SimOptions } from './sim-runtime.js';
import type { SimRuntime } from './sim-runtime.js';
import type { PlatformGlobal } from './load-bundle.js';
import { createMy } from './my.js';
import { createQq } from './qq.js';
import { createSwan } from './swan.js';
import { createTt } from './tt.js';
import { createUni } from './uni.js';
import { createWx } from './wx.js';

export type MiniProgramPlatform = 'wechat' | 'qq' | 'alipay' | 'alipay-legacy' | 'baidu' | 'bytedance' | 'uniapp';

export interface SimPlatform {
  platform: MiniProgramPlatform;
  /** The name of the global the platform's code sees. */
  global: PlatformGlobal;
  runtime: SimRuntime;
  api: unknown;
}

const makers: Record<MiniProgramPlatform, (o: SimOptions) => SimPlatform> = {
  wechat: (o) => ((r) => ({ platform: 'wechat', global: 'wx', runtime: r.runtime, api: r.wx }))(createWx(o)),
  qq: (o) => ((r) => ({ platform: 'qq', global: 'qq', runtime: r.runtime, api: r.qq }))(createQq(o)),
  alipay: (o) => ((r) => ({ platform: 'alipay', global: 'my', runtime: r.runtime, api: r.my }))(createMy(o)),
  'alipay-legacy': (o) =>
    ((r) => ({ platform: 'alipay-legacy', global: 'my', runtime: r.runtime, api: r.my }))(
      createMy({ ...o, legacy: true }),
    ),
  baidu: (o) => ((r) => ({ platform: 'baidu', global: 'swan', runtime: r.runtime, api: r.swan }))(createSwan(o)),
  bytedance: (o) => ((r) => ({ platform: 'bytedance', global: 'tt', runtime: r.runtime, api: r.tt }))(createTt(o)),
  uniapp: (o) => ((r) => ({ platform: 'uniapp', global: 'uni', runtime: r.runtime, api: r.uni }))(createUni(o)),
};

export const ALL_PLATFORMS = Object.keys(makers) as MiniProgramPlatform[];

/** The platforms selected by PIGEON_PLATFORMS (comma-separated), or all. */
export function selectedPlatforms(): MiniProgramPlatform[] {
  const want = process.env.PIGEON_PLATFORMS?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return want?.length ? ALL_PLATFORMS.filter((p) => want.includes(p)) : ALL_PLATFORMS;
}

export const createSimPlatform = (p: MiniProgramPlatform, o: SimOptions = {}): SimPlatform => makers[p](o);

/** The build file a platform loads (alipay-legacy runs the alipay build on an old base library). */
export const buildName = (p: MiniProgramPlatform): string => (p === 'alipay-legacy' ? 'alipay' : p);
