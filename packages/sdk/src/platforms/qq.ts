/**
 * QQ mini-programs: the `qq` object has WeChat's API shape (connectSocket SocketTask from base
 * library 1.7.0, at most 5 sockets), so it is typed with miniprogram-api-typings too.
 */
import { PigeonError } from '@pigeon/protocol';
import type { PlatformEntry } from '../core/registry.js';
import { memoAdapter, wxLikeAdapter, type MpAdapter } from './mp/wx-like.js';
import { QQ_RULE } from './socket-rules.js';
import type { WxApi } from './wechat.js';

export type QqApi = WxApi;

declare const qq: QqApi | undefined;

export const isQq = (): boolean => typeof qq !== 'undefined' && typeof qq?.connectSocket === 'function';

export function qqAdapter(api: QqApi | undefined = typeof qq !== 'undefined' ? qq : undefined): MpAdapter {
  if (!api) throw new PigeonError('INVALID_ARGUMENT', 'qq is not defined: not a QQ mini-program');
  return memoAdapter(api, (a) => wxLikeAdapter(a, { name: 'qq', rule: QQ_RULE }));
}

/** The registry entry: `defineSdk([qqPlatform])` builds an SDK for this platform alone. */
export const qqPlatform: PlatformEntry = Object.freeze({ name: 'qq', detect: isQq, create: () => qqAdapter() });
