/// <reference types="miniprogram-api-typings/types/wx/lib.wx.api.d.ts" />
/**
 * WeChat mini-programs: `wx.connectSocket` SocketTask (base library >= 1.7.0), `wx.request`,
 * `wx.uploadFile`/`downloadFile`, storage, network status and app show/hide, typed by
 * miniprogram-api-typings.
 */
import { PigeonError } from '@pigeon/protocol';
import type { PlatformEntry } from '../core/registry.js';
import { memoAdapter, wxLikeAdapter, type MpAdapter } from './mp/wx-like.js';
import { WECHAT_RULE } from './socket-rules.js';

/** The part of `wx` Pigeon uses (QQ's `qq` has the same shape). */
export type WxApi = Pick<
  WechatMiniprogram.Wx,
  | 'connectSocket'
  | 'request'
  | 'uploadFile'
  | 'downloadFile'
  | 'getStorageSync'
  | 'setStorageSync'
  | 'removeStorageSync'
  | 'onNetworkStatusChange'
  | 'offNetworkStatusChange'
  | 'onAppShow'
  | 'onAppHide'
>;

declare const wx: WxApi | undefined;

/** True inside a WeChat mini-program; reads `wx` only through typeof, so it is safe anywhere. */
export const isWechat = (): boolean => typeof wx !== 'undefined' && typeof wx?.connectSocket === 'function';

export function wechatAdapter(api: WxApi | undefined = typeof wx !== 'undefined' ? wx : undefined): MpAdapter {
  if (!api) throw new PigeonError('INVALID_ARGUMENT', 'wx is not defined: not a WeChat mini-program');
  return memoAdapter(api, (a) => wxLikeAdapter(a, { name: 'wechat', rule: WECHAT_RULE }));
}

/** The registry entry: `defineSdk([wechatPlatform])` builds an SDK for this platform alone. */
export const wechatPlatform: PlatformEntry = Object.freeze({
  name: 'wechat',
  detect: isWechat,
  create: () => wechatAdapter(),
});
