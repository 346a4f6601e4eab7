/**
 * The token format, shared by the server (which signs and verifies) and @pigeon/server-sdk (which
 * mints user tokens offline): HS256 JWTs whose key is HKDF-SHA256(clientSecret, salt TOKEN_KEY_INFO,
 * info appKey, 32 bytes). Only constants and shapes live here: the signing needs node:crypto.
 */
export const TOKEN_ISSUER = 'pigeon';
/** HKDF salt of the signing key; a new format gets a new value, so old tokens stop verifying. */
export const TOKEN_KEY_SALT = 'pigeon-token-v1';
export const TOKEN_KEY_BYTES = 32;
/**
 * How far ahead of the server's clock a token's `iat` / `nbf` may be (the minting machine's clock
 * runs fast): within it the token is accepted, beyond it it is TOKEN_NOT_YET_VALID. `exp` has no
 * leeway: the server's clock decides when a token is over (a minting clock that runs slow only
 * shortens the token's life).
 */
export const TOKEN_CLOCK_LEEWAY_SECONDS = 300;

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
