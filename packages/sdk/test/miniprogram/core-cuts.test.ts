/**
 * What the core-chat single-file builds leave out to stay small, checked on the built files:
 * their platform adapter carries no file transfer (only the full builds' files feature uses it),
 * and their error catalogue keeps each error's name, code and retryable flag (what the SDK and
 * `statusCode` read), not the server-side HTTP status and REST strings.
 */
import { ErrorCatalogue } from '@pigeon/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { MINI_PROGRAM_PLATFORMS } from '../../tsup.miniprogram.config.js';
import { ensureMiniProgramBuilds, loadMiniProgram, type MiniSdk } from './harness.js';

beforeAll(() => ensureMiniProgramBuilds(), 120_000);

type Adapter = { upload?: unknown; download?: unknown; request?: unknown };

const adapterOf = (sdk: MiniSdk): Adapter => {
  const make = Object.entries(sdk).find(([k, v]) => /^[a-z]+Adapter$/.test(k) && typeof v === 'function')?.[1];
  return (make as (() => Adapter) | undefined)?.() ?? {};
};

describe.each(MINI_PROGRAM_PLATFORMS)('pigeon-%s(-core).js', (platform) => {
  it('the core adapter has no upload/download; the full one has both', () => {
    const core = adapterOf(loadMiniProgram(platform, {}, true).SDK);
    const full = adapterOf(loadMiniProgram(platform).SDK);
    expect([typeof core.request, core.upload, core.download]).toEqual(['function', undefined, undefined]);
    expect([typeof full.upload, typeof full.download]).toEqual(['function', 'function']);
  });
});

describe.each(MINI_PROGRAM_PLATFORMS)('pigeon-%s-core.js error catalogue', (platform) => {
  it('keeps every name with its code and retryable flag, and statusCode has every code', () => {
    const { SDK } = loadMiniProgram(platform, {}, true);
    const catalogue = SDK.ErrorCatalogue as Record<string, { code: number; retryable: boolean }>;
    const statusCode = SDK.statusCode as Record<string, number>;
    for (const [name, spec] of Object.entries(ErrorCatalogue)) {
      expect([name, catalogue[name]?.code, catalogue[name]?.retryable]).toEqual([name, spec.code, spec.retryable]);
      expect([name, statusCode[name]]).toEqual([name, spec.code]);
    }
    const PigeonError = SDK.PigeonError as new (t: string, m?: string) => { code: number; retryable: boolean };
    const e = new PigeonError('RATE_LIMITED', 'slow down');
    expect([e.code, e.retryable]).toEqual([1006, true]);
  });
});
