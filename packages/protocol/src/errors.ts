/**
 * The one catalogue of Pigeon error codes, shared by the server (REST and gateway) and the SDK.
 * Ranges: 1xxx bad request or frame, 2xxx authentication, 3xxx permission and tenancy,
 * 4xxx resources, 5xxx server state, 6xxx raised inside the SDK itself.
 * Codes and names are stable: docs/errors.md lists them and a test holds the two together.
 */
export interface ErrorSpec {
  readonly code: number;
  /** HTTP status used when the error crosses REST. */
  readonly http: number;
  /** Whether the same request may succeed if simply tried again later. */
  readonly retryable: boolean;
  /** Easemob-style REST `error` string, so existing REST clients parse our bodies. */
  readonly rest: string;
  readonly description: string;
}

const spec = (code: number, http: number, retryable: boolean, rest: string, description: string): ErrorSpec =>
  Object.freeze({ code, http, retryable, rest, description });

export const ErrorCatalogue = Object.freeze({
  BAD_FRAME: spec(1001, 400, false, 'illegal_argument', 'The frame is not a JSON object of the documented shape.'),
  UNKNOWN_OP: spec(1002, 400, false, 'illegal_argument', 'The frame names an operation the server does not know.'),
  BAD_REQUEST: spec(1003, 400, false, 'illegal_argument', 'A field is missing, of the wrong type or out of range.'),
  FRAME_TOO_LARGE: spec(1004, 413, false, 'request_entity_too_large', 'The frame or body exceeds the size limit.'),
  MESSAGE_TOO_LARGE: spec(1005, 413, false, 'request_entity_too_large', 'The message content exceeds the size limit.'),
  RATE_LIMITED: spec(1006, 429, true, 'resource_limited', 'Too many requests; retry after the given delay.'),
  DUPLICATE_REQUEST_ID: spec(
    1007,
    400,
    false,
    'illegal_argument',
    'A request id is reused while the first is still pending.',
  ),
  UNSUPPORTED_VERSION: spec(
    1008,
    400,
    false,
    'illegal_argument',
    'The client speaks a protocol version the server does not.',
  ),
  VALUE_TOO_LARGE: spec(
    1020,
    413,
    false,
    'request_entity_too_large',
    'A user attribute, a whole profile or a presence status exceeds its size limit.',
  ),
  // 11xx: file uploads and downloads (docs/files.md).
  FILE_TOO_LARGE: spec(
    1101,
    413,
    false,
    'request_entity_too_large',
    "The file exceeds the app's size limit for its kind.",
  ),
  FILE_TYPE_NOT_ALLOWED: spec(
    1102,
    415,
    false,
    'illegal_argument',
    "The file's bytes are not a type the app allows here.",
  ),
  UPLOAD_INCOMPLETE: spec(1103, 400, true, 'illegal_argument', 'The upload was cut off before the whole file arrived.'),
  RANGE_NOT_SATISFIABLE: spec(1104, 416, false, 'illegal_argument', 'The requested byte range lies outside the file.'),

  NOT_AUTHENTICATED: spec(2001, 401, false, 'unauthorized', 'The connection or request has not authenticated.'),
  AUTH_FAILED: spec(2002, 400, false, 'invalid_grant', 'Wrong user name or password.'),
  TOKEN_INVALID: spec(2003, 401, false, 'unauthorized', 'The token is malformed, forged or revoked.'),
  TOKEN_EXPIRED: spec(2004, 401, false, 'unauthorized', 'The token has expired; get a new one.'),
  TOKEN_NOT_YET_VALID: spec(
    2008,
    401,
    false,
    'unauthorized',
    "The token's issue time is ahead of the server's clock by more than the leeway: fix the minting machine's clock.",
  ),
  AUTH_TIMEOUT: spec(2005, 401, false, 'unauthorized', 'No authentication frame arrived in time.'),
  USER_DEACTIVATED: spec(2006, 403, false, 'forbidden_op', 'The user has been deactivated.'),
  ALREADY_AUTHENTICATED: spec(2007, 400, false, 'illegal_argument', 'The connection is already authenticated.'),
  TOO_MANY_DEVICES: spec(
    2008,
    403,
    false,
    'forbidden_op',
    'The user is logged in on as many devices as the app allows (policy refuse-new); log out of one first.',
  ),

  FORBIDDEN: spec(3001, 403, false, 'forbidden_op', 'The caller may not do this.'),
  WRONG_TENANT: spec(3002, 403, false, 'forbidden_op', 'The credentials belong to another app.'),
  REGISTRATION_CLOSED: spec(3003, 403, false, 'forbidden_op', 'Open registration is off for this app.'),
  NOT_FRIENDS: spec(3004, 403, false, 'forbidden_op', 'This app requires the users to be friends to chat.'),
  BLOCKED: spec(3005, 403, false, 'forbidden_op', 'The recipient has blocked the sender.'),
  RECALL_WINDOW_PASSED: spec(3006, 403, false, 'forbidden_op', 'The message is older than the recall window.'),
  NOT_A_MEMBER: spec(3020, 403, false, 'forbidden_op', 'The caller is not a member of the group or chatroom.'),
  ROLE_REQUIRED: spec(
    3021,
    403,
    false,
    'forbidden_op',
    'This needs a higher role in the group or chatroom (details.required).',
  ),
  MUTED: spec(
    3022,
    403,
    false,
    'forbidden_op',
    'The sender is muted in the group or chatroom, or everyone is (details).',
  ),
  JOIN_NOT_ALLOWED: spec(3023, 403, false, 'forbidden_op', 'The group is private: only an invitation lets a user in.'),
  MEMBER_BLOCKED: spec(3024, 403, false, 'forbidden_op', "The user is on the group's or chatroom's block list."),
  MEMBERS_LIMIT: spec(3025, 403, false, 'forbidden_op', 'The group or chatroom has reached its maximum members.'),
  OWNER_CANNOT_LEAVE: spec(
    3026,
    403,
    false,
    'forbidden_op',
    'The owner cannot leave; transfer ownership or destroy it.',
  ),
  MESSAGE_REJECTED: spec(
    3030,
    403,
    false,
    'forbidden_op',
    "The app's pre-send callback refused the message (details.reason); nothing was stored.",
  ),
  SENSITIVE_CONTENT: spec(
    3031,
    403,
    false,
    'forbidden_op',
    "The message holds a word on the app's sensitive-word list (details.words); nothing was stored.",
  ),
  FILE_ACCESS_DENIED: spec(3101, 403, false, 'forbidden_op', 'The file needs its share-secret or a token of its app.'),

  APP_NOT_FOUND: spec(4001, 404, false, 'organization_application_not_found', 'No app with that org and name.'),
  USER_NOT_FOUND: spec(4002, 404, false, 'service_resource_not_found', 'No user with that name in this app.'),
  USER_EXISTS: spec(4003, 400, false, 'duplicate_unique_property_exists', 'A user with that name already exists.'),
  MESSAGE_NOT_FOUND: spec(4004, 404, false, 'service_resource_not_found', 'No such message in that conversation.'),
  CONVERSATION_NOT_FOUND: spec(4005, 404, false, 'service_resource_not_found', 'No such conversation for this user.'),
  NOT_FOUND: spec(4006, 404, false, 'service_resource_not_found', 'No such resource or route.'),
  GROUP_NOT_FOUND: spec(4020, 404, false, 'service_resource_not_found', 'No group with that id in this app.'),
  CHATROOM_NOT_FOUND: spec(4021, 404, false, 'service_resource_not_found', 'No chatroom with that id in this app.'),
  REQUEST_NOT_FOUND: spec(4022, 404, false, 'service_resource_not_found', 'No pending join request or invitation.'),
  ALREADY_MEMBER: spec(4023, 409, false, 'conflict', 'The user is already a member of the group or chatroom.'),
  NOT_A_CONTACT: spec(4040, 404, false, 'service_resource_not_found', 'The user is not in the contact list.'),
  NO_CONTACT_REQUEST: spec(
    4041,
    404,
    false,
    'service_resource_not_found',
    'No pending contact request from that user.',
  ),
  LIMIT_EXCEEDED: spec(
    4042,
    403,
    false,
    'forbidden_op',
    'A per-user limit (contacts, block list, presence subscriptions) is reached.',
  ),
  FILE_NOT_FOUND: spec(
    4101,
    404,
    false,
    'entity_not_found',
    'No such file in this app (never uploaded or cleaned up).',
  ),

  INTERNAL: spec(5001, 500, true, 'internal_server_error', 'The server failed; the request was not applied.'),
  UNAVAILABLE: spec(5002, 503, true, 'service_unavailable', 'A backing service is down; nothing was stored; retry.'),
  SERVER_GOING_AWAY: spec(5003, 503, true, 'service_unavailable', 'The server is shutting down; reconnect elsewhere.'),
  KICKED: spec(5004, 409, false, 'conflict', 'Another login of the same user replaced this connection.'),
  SLOW_CONSUMER: spec(
    5005,
    503,
    true,
    'service_unavailable',
    'The client read too slowly; its connection was dropped.',
  ),
  STORAGE_FULL: spec(
    5006,
    507,
    true,
    'service_unavailable',
    "The server's disk is full; nothing was stored; retry after the given delay.",
  ),
  STORAGE_READ_ONLY: spec(
    5007,
    503,
    true,
    'service_unavailable',
    "The server's data directory became read-only; nothing was stored; retry later.",
  ),

  NOT_CONNECTED: spec(6001, 0, true, 'sdk', 'The SDK is not connected (never opened, or closed).'),
  TIMEOUT: spec(6002, 0, true, 'sdk', 'No reply arrived in time.'),
  OUTBOX_TIMEOUT: spec(6003, 0, true, 'sdk', 'The message waited in the outbox longer than allowed while offline.'),
  CLOSED: spec(6004, 0, false, 'sdk', 'The connection was closed by the app while the call was pending.'),
  SOCKET_LIMIT: spec(6005, 0, false, 'sdk', "Opening another socket would break the platform's socket limit."),
  NETWORK: spec(6006, 0, true, 'sdk', 'The network request or socket failed.'),
  INVALID_ARGUMENT: spec(6007, 0, false, 'sdk', 'The SDK call was given an invalid argument.'),
  RECONNECT_EXHAUSTED: spec(6008, 0, false, 'sdk', 'The SDK gave up after autoReconnectNumMax attempts.'),
  UPLOAD_CANCELLED: spec(6101, 0, false, 'sdk', 'The app cancelled the file upload; the message was not sent.'),
});

export type ErrorName = keyof typeof ErrorCatalogue;

/** Error as it travels in a reply frame or REST body. */
export interface WireError {
  name: ErrorName;
  code: number;
  message: string;
  retryable: boolean;
  /** When retryable, how long to wait before retrying. */
  retryAfterMs?: number;
  /** Extra context, e.g. which field was wrong or which platform rule applies. */
  details?: Record<string, unknown>;
}

/** A typed error with a stable code; thrown by server core and SDK alike. */
export class PigeonError extends Error {
  readonly code: number;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly details?: Record<string, unknown>;
  /** Name from the catalogue, e.g. TOKEN_EXPIRED (the Error `name` stays 'PigeonError' for stack traces). */
  readonly type: ErrorName;

  constructor(
    type: ErrorName,
    message?: string,
    opts: { cause?: unknown; retryAfterMs?: number; details?: Record<string, unknown> } = {},
  ) {
    const s = ErrorCatalogue[type];
    // (The SDK's minified builds drop descriptions: the name stands in for a missing message there.)
    super(message ?? (s.description || type), opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'PigeonError';
    this.type = type;
    this.code = s.code;
    this.retryable = s.retryable;
    if (opts.retryAfterMs !== undefined) this.retryAfterMs = opts.retryAfterMs;
    if (opts.details !== undefined) this.details = opts.details;
  }

  get http(): number {
    return ErrorCatalogue[this.type].http;
  }

  toWire(): WireError {
    const w: WireError = { name: this.type, code: this.code, message: this.message, retryable: this.retryable };
    if (this.retryAfterMs !== undefined) w.retryAfterMs = this.retryAfterMs;
    if (this.details !== undefined) w.details = this.details;
    return w;
  }

  static fromWire(w: WireError): PigeonError {
    const type: ErrorName = w.name in ErrorCatalogue ? w.name : 'INTERNAL';
    return new PigeonError(type, w.message, { retryAfterMs: w.retryAfterMs, details: w.details });
  }
}

export const isPigeonError = (e: unknown): e is PigeonError => e instanceof PigeonError;
