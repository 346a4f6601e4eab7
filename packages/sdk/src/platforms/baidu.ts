/**
 * Baidu smart mini-programs (`swan`): SocketTask per connectSocket from base library 1.9.4, so
 * several sockets can be open; `swan.offAppShow()` removes every listener (the app's too), so
 * Pigeon never calls the off* functions here and switches its own listeners off instead.
 */
import { PigeonError } from '@pigeon/protocol';
import type { PlatformEntry } from '../core/registry.js';
import type { SwanApi } from './mp/narrow-types.js';
import { memoAdapter, wxLikeAdapter, type MpAdapter } from './mp/wx-like.js';
import { BAIDU_RULE } from './socket-rules.js';

export type { SwanApi };

declare const swan: SwanApi | undefined;

export const isBaidu = (): boolean => typeof swan !== 'undefined' && typeof swan?.connectSocket === 'function';

export function baiduAdapter(api: SwanApi | undefined = typeof swan !== 'undefined' ? swan : undefined): MpAdapter {
  if (!api) throw new PigeonError('INVALID_ARGUMENT', 'swan is not defined: not a Baidu mini-program');
  return memoAdapter(api, (a) => wxLikeAdapter(a, { name: 'baidu', rule: BAIDU_RULE, offTakesListener: false }));
}

/** The registry entry: `defineSdk([baiduPlatform])` builds an SDK for this platform alone. */
export const baiduPlatform: PlatformEntry = Object.freeze({
  name: 'baidu',
  detect: isBaidu,
  create: () => baiduAdapter(),
});
