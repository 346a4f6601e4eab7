/**
 * Simulated WeChat runtime (`wx`): at most 5 sockets (the 6th connectSocket fails through its
 * fail callback and onError, and never opens), sockets cut about 5 s after onHide.
 */
import { SimRuntime, type SimOptions } from './sim-runtime.js';
import { wxShaped } from './wx-shaped.js';

export function createWx(opt: SimOptions = {}) {
  const runtime = new SimRuntime({ backgroundSocketCloseMs: 5000, ...opt });
  return { runtime, wx: wxShaped(runtime, { maxSockets: 5 }) };
}
