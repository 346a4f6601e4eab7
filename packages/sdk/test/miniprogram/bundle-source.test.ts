/**
 * What the single-file builds may assume of a mini-program JS engine: ES2017 syntax (esbuild lowers
 * the rest) and ES2017 built-ins, which esbuild does not polyfill. Older engines (iOS 10-11
 * JavaScriptCore, early Android X5) lack `globalThis` and the ES2018+ library calls below, so a
 * build that names one would fail there; the vm loader also runs the builds without `globalThis`.
 */
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { MINI_PROGRAM_PLATFORMS } from '../../tsup.miniprogram.config.js';
import { loadBundle } from '../runtimes/load-bundle.js';
import { bundlePath, ensureMiniProgramBuilds } from './harness.js';

/** Built-ins newer than ES2017, by the text a minified build would contain. */
const NEWER_THAN_ES2017 = [
  'globalThis',
  'Object.fromEntries',
  '.finally(',
  '.replaceAll(',
  '.flatMap(',
  '.matchAll(',
  'Object.hasOwn(',
  'Promise.allSettled',
  'Promise.any(',
  'structuredClone',
  'queueMicrotask',
  'AggregateError',
  'WeakRef',
];

beforeAll(() => ensureMiniProgramBuilds(), 120_000);

describe.each(MINI_PROGRAM_PLATFORMS)('pigeon-%s.js', (platform) => {
  it('names no built-in newer than ES2017 (globalThis included)', () => {
    const code = readFileSync(bundlePath(platform), 'utf8');
    expect(NEWER_THAN_ES2017.filter((api) => code.includes(api))).toEqual([]);
  });

  it('loads in a context that has no globalThis', () => {
    const timers = { setTimeout, clearTimeout, setInterval, clearInterval };
    const b = loadBundle<{ connection?: unknown }>(bundlePath(platform), {}, timers);
    expect(vm.runInContext('typeof globalThis', b.context)).toBe('undefined');
    expect(typeof b.exports.connection).toBe('function');
  });

  it('keeps the error catalogue without its descriptions: codes stay, the name stands in for a message', () => {
    const timers = { setTimeout, clearTimeout, setInterval, clearInterval };
    type Exports = {
      PigeonError: new (type: string) => Error & { code: number; retryable: boolean };
      ErrorCatalogue: Record<string, { code: number; description: string }>;
    };
    const { PigeonError, ErrorCatalogue } = loadBundle<Exports>(bundlePath(platform), {}, timers).exports;
    const e = new PigeonError('TIMEOUT');
    expect([e.code, e.retryable, e.message]).toEqual([6002, true, 'TIMEOUT']);
    expect(ErrorCatalogue.SOCKET_LIMIT).toMatchObject({ code: 6005, description: '' });
  });
});
