/**
 * Each platform's WebSocket rule (seeds 000-003 and the platforms' own docs). One constant per
 * platform, so a single-platform build carries only its own rule.
 */
import type { SocketRule } from '../core/platform.js';

const rule = (maxSockets: number, newClosesOld: boolean, note: string): SocketRule =>
  Object.freeze({ maxSockets, newClosesOld, note });

// `@__PURE__`: a build that does not use a rule drops it (the freeze call would otherwise keep it).

export const WECHAT_RULE = /* @__PURE__ */ rule(
  5,
  false,
  'WeChat (base library >= 1.7.0) allows at most 5 WebSocket connections at once',
);
export const QQ_RULE = /* @__PURE__ */ rule(
  5,
  false,
  'QQ (base library >= 1.7.0) allows at most 5 WebSocket connections at once',
);
export const ALIPAY_RULE = /* @__PURE__ */ rule(
  1,
  true,
  'Alipay keeps one WebSocket connection: opening a new one closes the old',
);
export const BYTEDANCE_RULE = /* @__PURE__ */ rule(
  5,
  false,
  'ByteDance allows at most 5 WebSocket connections, and a new one does not close the old: close it first',
);
export const BAIDU_RULE = /* @__PURE__ */ rule(
  5,
  false,
  'Baidu (base library >= 1.9.4) allows several WebSocket connections; Pigeon holds at most 5',
);
/** uni-app on native Android/iOS (plus.net): several sockets; the same cap as the mini-programs. */
export const UNIAPP_APP_RULE = /* @__PURE__ */ rule(
  5,
  false,
  'uni-app (native app) allows several WebSocket connections; Pigeon holds at most 5',
);
export const UNIAPP_WEB_RULE = /* @__PURE__ */ rule(
  Number.POSITIVE_INFINITY,
  false,
  'uni-app on the web: browser WebSockets',
);
