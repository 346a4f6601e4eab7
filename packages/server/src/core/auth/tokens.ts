/**
 * Tokens are HS256 JWTs signed with a key derived from the app's client secret, so the app's own
 * backend can mint user tokens with no network call (like Tencent's userSig), and rotating the
 * secret revokes every token of the app.
 */
import { hkdfSync } from 'node:crypto';
import {
  PigeonError,
  TOKEN_CLOCK_LEEWAY_SECONDS,
  TOKEN_ISSUER,
  TOKEN_KEY_BYTES,
  TOKEN_KEY_SALT,
  type TokenClaims,
} from '@pigeon/protocol';
import { decodeHs256, signHs256, verifyHs256 } from './hs256.js';

export { TOKEN_ISSUER, type TokenClaims };

export function deriveSigningKey(appKey: string, clientSecret: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', clientSecret, TOKEN_KEY_SALT, appKey, TOKEN_KEY_BYTES));
}

export interface SignOptions {
  typ: TokenClaims['typ'];
  sub: string;
  appKey: string;
  ttlSeconds: number;
  ver?: number;
  /** Seconds since epoch; defaults to now. */
  now?: number;
}

export async function signToken(key: Uint8Array, o: SignOptions): Promise<{ token: string; expiresAt: number }> {
  const iat = o.now ?? Math.floor(Date.now() / 1000);
  const exp = iat + Math.max(1, Math.floor(o.ttlSeconds));
  const claims: Record<string, unknown> = { typ: o.typ, app: o.appKey };
  if (o.ver !== undefined) claims.ver = o.ver;
  const token = signHs256(key, { ...claims, iss: TOKEN_ISSUER, sub: o.sub, iat, exp });
  return { token, expiresAt: exp * 1000 };
}

/** Reads the claimed appKey without trusting it: used to pick the key (and to spot other tenants). */
export function peekAppKey(token: string): string | undefined {
  return appKeyOf(decodeHs256(token));
}

/** The `app` claim of a decoded (not yet verified) payload. */
export const appKeyOf = (payload: Record<string, unknown> | undefined): string | undefined =>
  typeof payload?.app === 'string' ? payload.app : undefined;

export { decodeHs256 };

/** `decoded`: the token's payload as decodeHs256 read it (saves decoding it twice). */
export async function verifyToken(
  key: Uint8Array,
  token: string,
  decoded?: Record<string, unknown>,
): Promise<TokenClaims> {
  const now = Math.floor(Date.now() / 1000);
  const payload = verifyHs256(key, token, TOKEN_ISSUER, now, TOKEN_CLOCK_LEEWAY_SECONDS, decoded);
  const { typ, sub, app, ver, iat, exp } = payload;
  if ((typ !== 'user' && typ !== 'admin') || typeof sub !== 'string' || typeof app !== 'string') {
    throw new PigeonError('TOKEN_INVALID', 'The token lacks Pigeon claims.');
  }
  return {
    typ,
    sub,
    app,
    ver: typeof ver === 'number' ? ver : undefined,
    iat: typeof iat === 'number' ? iat : 0,
    exp: typeof exp === 'number' ? exp : 0,
  };
}

export interface MintUserTokenOptions {
  /** `org#app`. */
  appKey: string;
  clientSecret: string;
  user: string;
  ttlSeconds: number;
}

/** Mints a user token offline, from the app's client secret: for the app's own backend. */
export async function mintUserToken(o: MintUserTokenOptions): Promise<string> {
  const key = deriveSigningKey(o.appKey, o.clientSecret);
  const { token } = await signToken(key, {
    typ: 'user',
    sub: o.user.toLowerCase(),
    appKey: o.appKey,
    ttlSeconds: o.ttlSeconds,
  });
  return token;
}
