/**
 * Reads `iat`/`exp` from a JWT payload (no verification: only to time the token-expiry warning).
 * No atob: mini-programs do not all have it.
 */
import { utf8Decode } from './utf8.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function base64UrlDecode(s: string): Uint8Array {
  const clean = s.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const bytes = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let j = 0;
  for (const ch of clean) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new Error('not base64url');
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[j++] = (value >> bits) & 0xff;
    }
  }
  return bytes.subarray(0, j);
}

export interface TokenTimes {
  /** Seconds since epoch. */
  iat?: number;
  exp?: number;
}

export function tokenTimes(token: string): TokenTimes {
  try {
    const payload: unknown = JSON.parse(utf8Decode(base64UrlDecode(token.split('.')[1] ?? '')));
    if (!payload || typeof payload !== 'object') return {};
    const { iat, exp } = payload as Record<string, unknown>;
    return { iat: typeof iat === 'number' ? iat : undefined, exp: typeof exp === 'number' ? exp : undefined };
  } catch {
    return {};
  }
}
