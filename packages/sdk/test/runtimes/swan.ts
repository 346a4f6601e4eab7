/**
 * Simulated Baidu runtime (`swan`): several SocketTasks at once (no count enforced), and
 * off*() that ignores its argument and removes every listener, as the docs show.
 */
import { SimRuntime, type SimOptions } from './sim-runtime.js';
import { wxShaped } from './wx-shaped.js';

export function createSwan(opt: SimOptions = {}) {
  const runtime = new SimRuntime({ backgroundSocketCloseMs: 5000, ...opt });
  const api = wxShaped(runtime, { maxSockets: Number.POSITIVE_INFINITY, offRemovesAll: true });
  const { offNetworkStatusChange: _none, ...swan } = api; // swan has no offNetworkStatusChange
  return { runtime, swan };
}
