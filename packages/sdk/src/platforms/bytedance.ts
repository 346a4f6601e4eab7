/**
 * ByteDance (Douyin/Toutiao) mini-programs (`tt`): a new socket does NOT close the old one (the
 * socket registry makes Pigeon close it first), at most 5 at once, and the docs ask that no
 * SocketTask method be called before connectSocket's own callback has fired.
 */
import { PigeonError } from '@pigeon/protocol';
import type { PlatformEntry } from '../core/registry.js';
import type { TtApi } from './mp/narrow-types.js';
import { memoAdapter, wxLikeAdapter, type MpAdapter } from './mp/wx-like.js';
import { BYTEDANCE_RULE } from './socket-rules.js';

export type { TtApi };

declare const tt: TtApi | undefined;

export const isBytedance = (): boolean => typeof tt !== 'undefined' && typeof tt?.connectSocket === 'function';

export function bytedanceAdapter(api: TtApi | undefined = typeof tt !== 'undefined' ? tt : undefined): MpAdapter {
  if (!api) throw new PigeonError('INVALID_ARGUMENT', 'tt is not defined: not a ByteDance mini-program');
  return memoAdapter(api, (a) =>
    wxLikeAdapter(a, { name: 'bytedance', rule: BYTEDANCE_RULE, socket: { awaitCreated: true } }),
  );
}

/** The registry entry: `defineSdk([bytedancePlatform])` builds an SDK for this platform alone. */
export const bytedancePlatform: PlatformEntry = Object.freeze({
  name: 'bytedance',
  detect: isBytedance,
  create: () => bytedanceAdapter(),
});
