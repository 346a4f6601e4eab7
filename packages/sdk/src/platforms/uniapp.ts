/// <reference types="@dcloudio/types/uni-app/common.d.ts" />
/// <reference types="@dcloudio/types/uni-app/uni/legacy/uni.d.ts" />
/// <reference types="@dcloudio/types/uni-app/uni/base/request.d.ts" />
/**
 * uni-app: `uni.*` compiled to each mini-program and to native Android/iOS, typed by
 * @dcloudio/types. The socket rule is the one of the platform it runs on (uniPlatform). App show
 * and hide come from `uni.onAppShow` where it exists and from App.vue's onShow/onHide, which call
 * `uniAppShown()` / `uniAppHidden()` (the native app closes sockets minutes after hiding).
 */
import { PigeonError } from '@pigeon/protocol';
import type { SocketRule } from '../core/platform.js';
import { memoAdapter, wxLikeAdapter, type MpAdapter, type WxLikeApi } from './mp/wx-like.js';
import { SOCKET_RULES, UNI_PLATFORM_RULES } from './socket-rules.js';

/** The part of `uni` Pigeon uses. */
export type UniApi = Pick<
  UniNamespace.Uni,
  | 'connectSocket'
  | 'request'
  | 'uploadFile'
  | 'downloadFile'
  | 'getStorageSync'
  | 'setStorageSync'
  | 'removeStorageSync'
  | 'onNetworkStatusChange'
  | 'offNetworkStatusChange'
  | 'getSystemInfoSync'
> & {
  /** Present on the mini-program targets and recent native runtimes; not in @dcloudio/types' Uni. */
  onAppShow?(cb: (res: unknown) => void): void;
  onAppHide?(cb: (res: unknown) => void): void;
};

declare const uni: UniApi | undefined;

export const isUniapp = (): boolean => typeof uni !== 'undefined' && typeof uni?.connectSocket === 'function';

/** The rule of the platform uni-app was compiled to. */
export function uniSocketRule(api: UniApi): SocketRule {
  let platform = '';
  try {
    platform = api.getSystemInfoSync().uniPlatform ?? '';
  } catch {
    // Old runtimes without uniPlatform: assume the native app.
  }
  return UNI_PLATFORM_RULES[platform] ?? SOCKET_RULES.uniapp;
}

export function uniappAdapter(api: UniApi | undefined = typeof uni !== 'undefined' ? uni : undefined): MpAdapter {
  if (!api) throw new PigeonError('INVALID_ARGUMENT', 'uni is not defined: not a uni-app app');
  return memoAdapter(api, (a) => {
    const wxLike: WxLikeApi = a;
    return wxLikeAdapter(wxLike, { name: 'uniapp', rule: uniSocketRule(a) });
  });
}

/** Call from App.vue onShow: Pigeon checks its socket at once and resyncs. */
export const uniAppShown = (api?: UniApi): void => uniappAdapter(api).visibility.shown();
/** Call from App.vue onHide. */
export const uniAppHidden = (api?: UniApi): void => uniappAdapter(api).visibility.hid();
