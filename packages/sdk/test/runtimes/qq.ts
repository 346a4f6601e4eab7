/** Simulated QQ runtime (`qq`): WeChat's API and rules (at most 5 sockets from base library 1.7.0). */
import { SimRuntime, type SimOptions } from './sim-runtime.js';
import { wxShaped } from './wx-shaped.js';

export function createQq(opt: SimOptions = {}) {
  const runtime = new SimRuntime({ backgroundSocketCloseMs: 5000, ...opt });
  return { runtime, qq: wxShaped(runtime, { maxSockets: 5 }) };
}
