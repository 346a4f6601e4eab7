/** What every entry point exports: Easemob's default-export shape, bound to that entry's platforms. */
import { ErrorCatalogue, PigeonError, type ErrorName } from '@pigeon/protocol';
import { fileUtils } from './api/file-utils.js';
import { Connection } from './connection.js';
import { uniqueId } from './ids.js';
import { message } from './messages.js';
import type { ConnectionOptions } from './options.js';
import { detectPlatform, type PlatformEntry } from './registry.js';

/** Error name -> stable numeric code (the catalogue in @pigeon/protocol, docs/errors.md). */
export const statusCode = Object.freeze(
  Object.fromEntries(Object.entries(ErrorCatalogue).map(([name, spec]) => [name, spec.code])) as Record<
    ErrorName,
    number
  >,
);

/** `extraUtils`: utils only some builds have (browsers: Easemob's getFileUrl for file inputs). */
export function defineSdk<U extends object = Record<never, never>>(
  platforms: readonly PlatformEntry[],
  extraUtils?: U,
) {
  /** `new connection(options)`: lower-case as in Easemob's SDK. */
  class connection extends Connection {
    constructor(options: ConnectionOptions) {
      super(options, platforms);
    }
  }
  const utils = Object.freeze({
    ...fileUtils(platforms),
    ...(extraUtils as U),
    getUniqueId: uniqueId,
    /** Which platform this build detects (Easemob's getEnvInfo, with Pigeon's platform names). */
    getEnvInfo: () => ({ platform: detectPlatform(platforms)?.name ?? 'other' }),
  });
  return Object.freeze({ connection, message, utils, statusCode, ErrorCodes: statusCode, PigeonError });
}
