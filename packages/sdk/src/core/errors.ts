/** How the SDK turns socket closes and unknown throws into typed errors, and which ones end a session. */
import { CloseCodes, NO_RECONNECT_CODES, PigeonError, type ErrorName } from '@pigeon/protocol';

export function asPigeon(e: unknown, fallback: ErrorName = 'NETWORK'): PigeonError {
  if (e instanceof PigeonError) return e;
  return new PigeonError(fallback, e instanceof Error ? e.message : String(e), { cause: e });
}

const BY_CLOSE_CODE: Record<number, ErrorName> = {
  [CloseCodes.GOING_AWAY]: 'SERVER_GOING_AWAY',
  [CloseCodes.TOO_BIG]: 'FRAME_TOO_LARGE',
  [CloseCodes.AUTH_FAILED]: 'TOKEN_INVALID',
  [CloseCodes.AUTH_TIMEOUT]: 'AUTH_TIMEOUT',
  [CloseCodes.KICKED]: 'KICKED',
  [CloseCodes.SLOW_CONSUMER]: 'SLOW_CONSUMER',
  [CloseCodes.DEACTIVATED]: 'USER_DEACTIVATED',
};

export function closeError(code: number, reason: string): PigeonError {
  const type = BY_CLOSE_CODE[code] ?? 'NETWORK';
  return new PigeonError(type, `Socket closed (${code}${reason ? `: ${reason}` : ''})`, {
    details: { closeCode: code, reason },
  });
}

/** Errors after which retrying the same credentials cannot help: the SDK stops and tells the app. */
const FATAL = new Set<ErrorName>([
  'AUTH_FAILED',
  'TOKEN_INVALID',
  'TOKEN_EXPIRED',
  'TOKEN_NOT_YET_VALID',
  'WRONG_TENANT',
  'USER_DEACTIVATED',
  'APP_NOT_FOUND',
  'UNSUPPORTED_VERSION',
  'NOT_AUTHENTICATED',
  'KICKED',
  'SOCKET_LIMIT',
  'INVALID_ARGUMENT',
]);

export function isFatal(e: PigeonError): boolean {
  const code = e.details?.closeCode;
  return FATAL.has(e.type) || (typeof code === 'number' && NO_RECONNECT_CODES.includes(code));
}

/** The app called close() (or open() again) while this was pending. */
export const closedByApp = (): PigeonError => new PigeonError('CLOSED', 'The connection was closed by the app');

export const invalid = (message: string, details?: Record<string, unknown>): PigeonError =>
  new PigeonError('INVALID_ARGUMENT', message, { details });
