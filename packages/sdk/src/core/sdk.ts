/** The full SDK object of `@pigeon/sdk` and every `/<platform>` entry: every feature family, file utils. */
import { fileUtils } from './api/file-utils.js';
import { Connection } from './full-connection.js';
import type { PlatformEntry } from './registry.js';
import { makeSdk } from './sdk-base.js';

export { statusCode } from './sdk-base.js';

/** `extraUtils`: utils only some builds have (browsers: Easemob's getFileUrl for file inputs). */
export function defineSdk<U extends object = Record<never, never>>(
  platforms: readonly PlatformEntry[],
  extraUtils?: U,
) {
  return makeSdk(Connection, platforms, { ...fileUtils(platforms), ...(extraUtils as U) });
}
