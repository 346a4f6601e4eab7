/**
 * The token format, shared by the server (which signs and verifies) and @pigeon/server-sdk (which
 * mints user tokens offline): HS256 JWTs whose key is HKDF-SHA256(clientSecret, salt TOKEN_KEY_INFO,
 * info appKey, 32 bytes). Only constants and shapes live here: the signing needs node:crypto.
 */
export const TOKEN_ISSUER = 'pigeon';
/** HKDF salt of the signing key; a new format gets a new value, so old tokens stop verifying. */
export const TOKEN_KEY_SALT = 'pigeon-token-v1';
export const TOKEN_KEY_BYTES = 32;

export interface TokenClaims {
  /** `user` for chat users, `admin` for the app's backend (client_credentials). */
  typ: 'user' | 'admin';
  /** User name, or the client id for admin tokens. */
  sub: string;
  /** appKey `org#app` the token belongs to. */
  app: string;
  /** Token version of the user when the server issued it; absent in tokens minted offline. */
  ver?: number;
  iat: number;
  exp: number;
}
