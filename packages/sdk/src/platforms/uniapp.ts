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
import type { PlatformEntry } from '../core/registry.js';
import type { SocketRule } from '../core/platform.js';
import { memoAdapter, wxLikeAdapter, type MpAdapter, type WxLikeApi } from './mp/wx-like.js';
import * as rules from './socket-rules.js';

/** uni-app's `uniPlatform` (getSystemInfoSync) to the rule of the platform it runs on. */
const UNI_PLATFORM_RULES: Readonly<Record<string, SocketRule>> = Object.freeze({
  'mp-weixin': rules.WECHAT_RULE,
  'mp-qq': rules.QQ_RULE,
  'mp-alipay': rules.ALIPAY_RULE,
  'mp-toutiao': rules.BYTEDANCE_RULE,
  'mp-baidu': rules.BAIDU_RULE,
  app: rules.UNIAPP_APP_RULE,
  web: rules.UNIAPP_WEB_RULE,
});

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
  return UNI_PLATFORM_RULES[platform] ?? rules.UNIAPP_APP_RULE;
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

/** The registry entry: `defineSdk([uniappPlatform])` builds an SDK for this platform alone. */
export const uniappPlatform: PlatformEntry = Object.freeze({
  name: 'uniapp',
  detect: isUniapp,
  create: () => uniappAdapter(),
});
