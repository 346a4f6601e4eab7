/**
 * Mints user tokens offline from the app's client secret, like Tencent's userSig: no network call.
 * Same bytes as the server's own signer (HS256 JWT, HKDF-derived key; the format is in @pigeon/protocol),
 * written with node:crypto so this package needs no JWT library.
 */
import { createHmac, hkdfSync } from 'node:crypto';
import { PigeonError, TOKEN_ISSUER, TOKEN_KEY_BYTES, TOKEN_KEY_SALT, USERNAME_PATTERN } from '@pigeon/protocol';

export interface MintUserTokenOptions {
  /** `org#app`. */
  appKey: string;
  clientSecret: string;
  /** The user name (case-insensitive, stored lower-case). */
  user: string;
  /** Lifetime in seconds [7 days]. */
  ttlSeconds?: number;
  /** Issue time in seconds since the epoch [now]. */
  now?: number;
}

const DEFAULT_TTL_SECONDS = 7 * 24 * 3600;
const b64url = (b: Buffer | string): string => Buffer.from(b).toString('base64url');

function check(o: MintUserTokenOptions): string {
  const user = typeof o.user === 'string' ? o.user.toLowerCase() : '';
  if (!USERNAME_PATTERN.test(user))
    throw new PigeonError('INVALID_ARGUMENT', `Invalid user name ${JSON.stringify(o.user)}: 1-64 of a-z 0-9 _ - .`);
  if (!/^[^#\s]+#[^#\s]+$/.test(o.appKey ?? ''))
    throw new PigeonError('INVALID_ARGUMENT', `Invalid appKey ${JSON.stringify(o.appKey)}: use org#app.`);
  if (!o.clientSecret) throw new PigeonError('INVALID_ARGUMENT', 'The client secret is empty.');
  return user;
}

/** A user token the server accepts until it expires, the secret rotates or the user's tokens are revoked. */
export function mintUserToken(o: MintUserTokenOptions): string {
  const sub = check(o);
  const iat = Math.floor(o.now ?? Date.now() / 1000);
  const exp = iat + Math.max(1, Math.floor(o.ttlSeconds ?? DEFAULT_TTL_SECONDS));
  const key = Buffer.from(hkdfSync('sha256', o.clientSecret, TOKEN_KEY_SALT, o.appKey, TOKEN_KEY_BYTES));
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = b64url(JSON.stringify({ typ: 'user', app: o.appKey, iss: TOKEN_ISSUER, sub, iat, exp }));
  const signature = createHmac('sha256', key).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}
