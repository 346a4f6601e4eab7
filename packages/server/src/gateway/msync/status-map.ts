/**
 * Our typed errors as msync Status values, worded the way the Easemob SDK matches them (it maps
 * `errorCode` + `reason` text to its own error types: the table in docs/migrate-from-easemob.md).
 */
import { PigeonError } from '@pigeon/protocol';
import { ErrorCode, type Status } from './codec.js';

const fail = (reason: string): Status => ({ errorCode: ErrorCode.FAIL, reason });

/** Replies to PROVISION (login). */
const LOGIN: Record<string, Status> = {
  TOKEN_EXPIRED: fail('Sorry, token expired'),
  USER_NOT_FOUND: fail('Sorry, user not found'),
  USER_DEACTIVATED: { errorCode: ErrorCode.PERMISSION_DENIED, reason: 'Sorry, the user is deactivated' },
  APP_NOT_FOUND: { errorCode: ErrorCode.UNAUTHORIZED, reason: 'Sorry, unknown appKey' },
  BAD_REQUEST: { errorCode: ErrorCode.WRONG_PARAMETER, reason: 'Sorry, bad login parameters' },
  TOO_MANY_DEVICES: { errorCode: ErrorCode.TOO_MANY_DEVICES, reason: 'Sorry, too many devices' },
};

export function loginStatus(err: unknown): Status {
  const e = err instanceof PigeonError ? err : undefined;
  return (e && LOGIN[e.type]) ?? { errorCode: ErrorCode.UNAUTHORIZED, reason: e?.message ?? 'Auth failed' };
}

export const TOKEN_USER_MISMATCH = fail('Sorry, token or password does not match login info');

/** Replies to a sent meta (message, receipt, recall). */
const SEND: Record<string, Status> = {
  BLOCKED: fail('blocked'),
  NOT_FRIENDS: fail('nonroster'),
  GROUP_NOT_FOUND: fail('group not found'),
  CHATROOM_NOT_FOUND: fail('group not found'),
  NOT_A_MEMBER: fail('not in group or chatroom'),
  RECALL_WINDOW_PASSED: fail('exceed recall time limit'),
  USER_NOT_FOUND: fail("username doesn't exist!"),
  MUTED: { errorCode: ErrorCode.USER_MUTED, reason: 'user is muted' },
  MESSAGE_TOO_LARGE: { errorCode: ErrorCode.PERMISSION_DENIED, reason: 'Sorry, data is too large' },
  RATE_LIMITED: { errorCode: ErrorCode.PERMISSION_DENIED, reason: 'traffic limit' },
  // PERMISSION_DENIED only with the reasons above: the SDK leaves any other one unanswered.
  FORBIDDEN: fail('permission denied'),
};

export function sendStatus(err: unknown): Status {
  const e = err instanceof PigeonError ? err : undefined;
  return (e && SEND[e.type]) ?? fail(e?.message ?? 'internal error');
}
