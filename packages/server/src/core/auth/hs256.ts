/**
 * Compact HS256 JWTs with node:crypto: one synchronous HMAC per token, and the payload decoded once. Verifying through jose
 * (WebCrypto: a key import and a promise hop per call) was the top cost of a connect. Checks what
 * jose checked for Pigeon's tokens: the header names HS256 and nothing critical, the signature
 * matches (in constant time), the issuer, `exp` in the future, and `nbf` and `iat` not ahead of
 * the server's clock by more than the leeway.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { PigeonError } from '@pigeon/protocol';

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

const b64 = (s: string): string => Buffer.from(s).toString('base64url');
const mac = (key: Uint8Array, input: string): Buffer => createHmac('sha256', key).update(input).digest();

export function signHs256(key: Uint8Array, payload: Record<string, unknown>): string {
  const input = `${HEADER}.${b64(JSON.stringify(payload))}`;
  return `${input}.${mac(key, input).toString('base64url')}`;
}

/** The payload of a well-formed token, signature not checked; undefined when it is not one. */
export function decodeHs256(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const payload = parseJson(parts[1]!);
  return typeof payload === 'object' && payload !== null && !Array.isArray(payload)
    ? (payload as Record<string, unknown>)
    : undefined;
}

/**
 * The payload of a token signed with `key` by `issuer`, valid now; TOKEN_INVALID, TOKEN_EXPIRED, or
 * TOKEN_NOT_YET_VALID when its `nbf` or `iat` is ahead of `nowSeconds` by more than `leewaySeconds`.
 */
export function verifyHs256(
  key: Uint8Array,
  token: string,
  issuer: string,
  nowSeconds: number,
  leewaySeconds = 0,
  decoded?: Record<string, unknown>,
) {
  const parts = token.split('.');
  if (parts.length !== 3 || !(parts[0] === HEADER || isHs256Header(parts[0]!)))
    throw new PigeonError('TOKEN_INVALID', 'The token is not an HS256 JWT.');
  const given = Buffer.from(parts[2]!, 'base64url');
  const expected = mac(key, `${parts[0]}.${parts[1]}`);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new PigeonError('TOKEN_INVALID', 'The token signature does not match.');
  // `decoded`: this token's payload, already read by decodeHs256 (the caller picked the key by it).
  const p = decoded ?? decodeHs256(token);
  if (!p || p.iss !== issuer) throw new PigeonError('TOKEN_INVALID', 'The token was not issued by Pigeon.');
  for (const claim of ['exp', 'nbf', 'iat'])
    if (p[claim] !== undefined && typeof p[claim] !== 'number')
      throw new PigeonError('TOKEN_INVALID', `The token's "${claim}" is not a number.`);
  if (typeof p.exp === 'number' && p.exp <= nowSeconds) throw new PigeonError('TOKEN_EXPIRED');
  for (const claim of ['nbf', 'iat'] as const) {
    const t = p[claim];
    if (typeof t === 'number' && t > nowSeconds + leewaySeconds)
      throw new PigeonError(
        'TOKEN_NOT_YET_VALID',
        `The token's "${claim}" is ${t - nowSeconds} s ahead of the server's clock.`,
        {
          details: { claim, aheadSeconds: t - nowSeconds, leewaySeconds },
        },
      );
  }
  return p;
}

/** Pigeon's own header is the constant HEADER; another signer's may order or add fields. */
function isHs256Header(part: string): boolean {
  const header = parseJson(part) as Record<string, unknown> | undefined;
  return typeof header === 'object' && header !== null && header.alg === 'HS256' && header.crit === undefined;
}

function parseJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}
