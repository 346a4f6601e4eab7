/** Errors of the admin client: the server's catalogue code and name, plus the HTTP status it came with. */
import { ErrorCatalogue, PigeonError, type ErrorName } from '@pigeon/protocol';

export interface RestErrorBody {
  error?: string;
  error_description?: string;
  code?: number;
  name?: string;
  retryAfterMs?: number;
  details?: Record<string, unknown>;
}

export class PigeonAdminError extends PigeonError {
  /** HTTP status of the response; 0 when no response arrived (network failure). */
  readonly status: number;
  /** The REST method and path that failed, e.g. `POST /users`. */
  readonly request: string;

  constructor(
    type: ErrorName,
    message: string,
    o: { status: number; request: string; cause?: unknown; retryAfterMs?: number; details?: Record<string, unknown> },
  ) {
    super(type, message, o);
    this.name = 'PigeonAdminError';
    this.status = o.status;
    this.request = o.request;
  }

  static fromResponse(status: number, request: string, body: unknown): PigeonAdminError {
    const b = (typeof body === 'object' && body !== null ? body : {}) as RestErrorBody;
    const known = typeof b.name === 'string' && b.name in ErrorCatalogue;
    const type: ErrorName = known ? (b.name as ErrorName) : status >= 500 ? 'INTERNAL' : 'BAD_REQUEST';
    const message = b.error_description ?? `${request} failed with HTTP ${status}.`;
    return new PigeonAdminError(type, message, {
      status,
      request,
      ...(b.retryAfterMs !== undefined ? { retryAfterMs: b.retryAfterMs } : {}),
      ...(b.details ? { details: b.details } : {}),
    });
  }
}
