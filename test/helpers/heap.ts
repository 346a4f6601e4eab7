/** Heap measurement for "memory stays bounded" checks: a full GC, then heapUsed. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

export const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
