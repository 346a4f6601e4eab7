/**
 * The registry of platforms this package builds in, in detection order. Order matters: uni-app
 * compiles to every mini-program (check `uni` first), QQ also defines `wx` (check `qq` before
 * `wechat`), and a mini-program never has `window` + `document`, so web comes after them all.
 * Mini-program adapters (issue 3) are added here, before web.
 */
import type { PlatformEntry } from '../core/registry.js';
import { node } from './node.js';
import { web } from './web.js';

export const platforms: readonly PlatformEntry[] = [web, node];

export { web, createWebAdapter } from './web.js';
export { node, createNodeAdapter, type NodeAdapterOptions } from './node.js';
export type { WebSocketConstructor, WebSocketLike } from './websocket.js';
