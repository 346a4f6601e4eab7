/**
 * Simulated uni-app runtime (`uni`) on native Android/iOS by default: connectSocket returns the
 * SocketTask only when a callback is passed (else a Promise), sockets are cut minutes after the
 * app is hidden, and there is no uni.onAppShow (App.vue's onShow must tell the SDK).
 * `uniPlatform: 'mp-weixin'` etc. simulates uni-app compiled to a mini-program instead.
 */
import { SimRuntime, type SimOptions } from './sim-runtime.js';
import { wxShaped } from './wx-shaped.js';

export interface UniOptions extends SimOptions {
  uniPlatform?: string;
  maxSockets?: number;
}

export function createUni(opt: UniOptions = {}) {
  const app = (opt.uniPlatform ?? 'app') === 'app';
  const runtime = new SimRuntime({ backgroundSocketCloseMs: app ? 180_000 : 5000, ...opt });
  const api = wxShaped(runtime, { maxSockets: opt.maxSockets ?? 5, taskOnlyWithCallback: true });
  const { onAppShow, offAppShow, onAppHide, offAppHide, ...rest } = api;
  const uni = {
    ...rest,
    getSystemInfoSync: () => ({ uniPlatform: opt.uniPlatform ?? 'app', platform: 'android' }),
    ...(app ? {} : { onAppShow, offAppShow, onAppHide, offAppHide }),
  };
  return { runtime, uni };
}
