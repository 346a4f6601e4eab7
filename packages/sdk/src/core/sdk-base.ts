/** What every entry point exports: Easemob's default-export shape, bound to that entry's platforms and connection class. */
import { ErrorCatalogue, PigeonError, type ErrorName } from '@pigeon/protocol';
import type { Connection } from './connection.js';
import { uniqueId } from './ids.js';
import { message } from './messages.js';
import type { ConnectionOptions } from './options.js';
import { detectPlatform, type PlatformEntry } from './registry.js';

/** Error name -> stable numeric code (the catalogue in @pigeon/protocol, docs/errors.md). */
export const statusCode = /* @__PURE__ */ codes();

function codes(): Readonly<Record<ErrorName, number>> {
  // A loop, not Object.fromEntries (ES2019): older mini-program engines lack it.
  const out = {} as Record<ErrorName, number>;
  for (const name of Object.keys(ErrorCatalogue) as ErrorName[]) out[name] = ErrorCatalogue[name].code;
  return Object.freeze(out);
}

type Base<C> = new (options: ConnectionOptions, platforms?: readonly PlatformEntry[]) => C;

/** `Base`: the core Connection or one with feature families installed; `utils`: what the entry adds. */
export function makeSdk<C extends Connection, U extends object>(
  Base: Base<C>,
  platforms: readonly PlatformEntry[],
  utils: U,
) {
  /** `new connection(options)`: lower-case as in Easemob's SDK. */
  const connection = class extends (Base as Base<Connection>) {
    constructor(options: ConnectionOptions) {
      super(options, platforms);
    }
  } as unknown as new (options: ConnectionOptions) => C;
  const allUtils = Object.freeze({
    ...utils,
    getUniqueId: uniqueId,
    /** Which platform this build detects (Easemob's getEnvInfo, with Pigeon's platform names). */
    getEnvInfo: () => ({ platform: detectPlatform(platforms)?.name ?? 'other' }),
  });
  return Object.freeze({ connection, message, utils: allUtils, statusCode, ErrorCodes: statusCode, PigeonError });
}
