/**
 * The registry of platforms this package builds in, in detection order. Order matters: uni-app
 * compiles to every mini-program (check `uni` first), QQ also defines `wx` (check `qq` before
 * `wechat`), and a mini-program never has `window` + `document`, so web comes after them all.
 * Mini-program adapters (issue 3) are added here, before web.
 */
import type { PlatformEntry } from '../core/registry.js';
import { alipayPlatform } from './alipay.js';
import { baiduPlatform } from './baidu.js';
import { bytedancePlatform } from './bytedance.js';
import { node } from './node.js';
import { qqPlatform } from './qq.js';
import { uniappPlatform } from './uniapp.js';
import { web } from './web.js';
import { wechatPlatform } from './wechat.js';

export const platforms: readonly PlatformEntry[] = [
  uniappPlatform,
  qqPlatform,
  bytedancePlatform,
  baiduPlatform,
  alipayPlatform,
  wechatPlatform,
  web,
  node,
];

export { web, createWebAdapter } from './web.js';
export { node, createNodeAdapter, type NodeAdapterOptions } from './node.js';
export type { WebSocketConstructor, WebSocketLike } from './websocket.js';
export { wechatPlatform, wechatAdapter } from './wechat.js';
export { qqPlatform, qqAdapter } from './qq.js';
export { alipayPlatform, alipayAdapter } from './alipay.js';
export { baiduPlatform, baiduAdapter } from './baidu.js';
export { bytedancePlatform, bytedanceAdapter } from './bytedance.js';
export { uniappPlatform, uniappAdapter, uniAppShown, uniAppHidden } from './uniapp.js';
