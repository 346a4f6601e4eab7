/**
 * Simulated ByteDance runtime (`tt`): a new socket does not close the old, at most 5 at once,
 * SocketTask methods called before connectSocket's callback are ignored, and the success
 * result carries `socketTaskId`.
 */
import { SimRuntime, type SimOptions } from './sim-runtime.js';
import { wxShaped } from './wx-shaped.js';

export function createTt(opt: SimOptions = {}) {
  const runtime = new SimRuntime({ backgroundSocketCloseMs: 5000, ...opt });
  const tt = wxShaped(runtime, {
    maxSockets: 5,
    taskReadyAfterCallback: true,
    connectSuccess: (task) => ({ socketTaskId: task.id }),
  });
  return { runtime, tt };
}
