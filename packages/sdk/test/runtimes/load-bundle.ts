/**
 * Loads a single-file mini-program build the way a mini-program does: in a fresh JS context
 * whose only globals are the platform object (wx, my, ...), timers and console. The file gets
 * `module`/`exports` and a `require` that resolves nothing, like a mini-program's module
 * wrapper; there is no Node `require`, `process`, `Buffer`, `window`, `URL`, `TextEncoder` or
 * `fetch`, so a build that reaches for one fails here as it would on a phone. Nor `globalThis`
 * (ES2020), which older mini-program engines lack: V8 always creates it, so it is deleted from
 * the context before the file runs.
 */
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

export type PlatformGlobal = 'wx' | 'qq' | 'my' | 'swan' | 'tt' | 'uni';

export interface BundleTimers {
  setTimeout(fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]): unknown;
  clearTimeout(t: unknown): void;
  setInterval(fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]): unknown;
  clearInterval(t: unknown): void;
  /** The runtime's own clock, when it simulates one. */
  Date?: DateConstructor;
}

export interface LoadedBundle<T> {
  /** What the file exported (module.exports). */
  exports: T;
  context: vm.Context;
  /** Globals the bundle created (a mini-program build must not leak any). */
  leakedGlobals(): string[];
}

export function loadBundle<T = unknown>(
  file: string,
  globals: Partial<Record<PlatformGlobal, unknown>>,
  timers: BundleTimers,
): LoadedBundle<T> {
  const code = readFileSync(file, 'utf8');
  const sandbox: Record<string, unknown> = { ...globals, ...timers, console };
  const context = vm.createContext(sandbox, { name: `mini-program ${Object.keys(globals).join(',')}` });
  const global = vm.runInContext('this', context) as object;
  vm.runInContext('delete globalThis.globalThis', context);
  const before = new Set(Object.getOwnPropertyNames(global));
  const wrapper = `(function (module, exports, require) {\n${code}\n})`;
  const fn = vm.runInContext(wrapper, context, { filename: file }) as (m: object, e: object, r: unknown) => void;
  const module = { exports: {} as unknown };
  const requireNothing = (id: string) => {
    throw new Error(`mini-program require("${id}"): not a file of this project`);
  };
  fn(module, module.exports as object, requireNothing);
  return {
    exports: module.exports as T,
    context,
    leakedGlobals: () => Object.getOwnPropertyNames(global).filter((k) => !before.has(k)),
  };
}
