/**
 * Each platform's WebSocket rule (seeds 000-003 and the platforms' own docs), in one table so
 * uni-app can pick the rule of the platform it was compiled to.
 */
import type { Platform as PlatformName } from '@pigeon/protocol';
import type { SocketRule } from '../core/platform.js';

const rule = (maxSockets: number, newClosesOld: boolean, note: string): SocketRule =>
  Object.freeze({ maxSockets, newClosesOld, note });

export const SOCKET_RULES = Object.freeze({
  wechat: rule(5, false, 'WeChat (base library >= 1.7.0) allows at most 5 WebSocket connections at once'),
  qq: rule(5, false, 'QQ (base library >= 1.7.0) allows at most 5 WebSocket connections at once'),
  alipay: rule(1, true, 'Alipay keeps one WebSocket connection: opening a new one closes the old'),
  bytedance: rule(
    5,
    false,
    'ByteDance allows at most 5 WebSocket connections, and a new one does not close the old: close it first',
  ),
  baidu: rule(5, false, 'Baidu (base library >= 1.9.4) allows several WebSocket connections; Pigeon holds at most 5'),
  /** uni-app on native Android/iOS (plus.net): several sockets; the same cap as the mini-programs. */
  uniapp: rule(5, false, 'uni-app (native app) allows several WebSocket connections; Pigeon holds at most 5'),
} satisfies Partial<Record<PlatformName, SocketRule>>);

/** uni-app's `uniPlatform` (getSystemInfoSync) to the rule of the platform it runs on. */
export const UNI_PLATFORM_RULES: Readonly<Record<string, SocketRule>> = Object.freeze({
  'mp-weixin': SOCKET_RULES.wechat,
  'mp-qq': SOCKET_RULES.qq,
  'mp-alipay': SOCKET_RULES.alipay,
  'mp-toutiao': SOCKET_RULES.bytedance,
  'mp-baidu': SOCKET_RULES.baidu,
  app: SOCKET_RULES.uniapp,
  web: rule(Number.POSITIVE_INFINITY, false, 'uni-app on the web: browser WebSockets'),
});
