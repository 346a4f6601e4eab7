/** Tokens are verified with node:crypto; tokens minted by any HS256 JWT library (jose here) still verify. */
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { decodeHs256, signHs256, verifyHs256 } from '../src/core/auth/hs256.js';

const key = new Uint8Array(32).fill(7);
const other = new Uint8Array(32).fill(8);
const now = 1_800_000_000;
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const errorName = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as { type?: string }).type;
  }
  return 'none';
};

describe('HS256 tokens', () => {
  it('verifies its own tokens and tokens signed by jose, returning the payload', async () => {
    const own = signHs256(key, { iss: 'pigeon', sub: 'ann', exp: now + 60 });
    expect(verifyHs256(key, own, 'pigeon', now)).toMatchObject({ sub: 'ann', exp: now + 60 });
    const jose = await new SignJWT({ app: 'o#a' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer('pigeon')
      .setSubject('bob')
      .setExpirationTime(now + 60)
      .sign(key);
    expect(verifyHs256(key, jose, 'pigeon', now)).toMatchObject({ sub: 'bob', app: 'o#a' });
    expect(decodeHs256(jose)?.app).toBe('o#a');
  });

  it('refuses other keys, other issuers, other algorithms, tampering and garbage with TOKEN_INVALID', () => {
    const t = signHs256(key, { iss: 'pigeon', sub: 'ann', exp: now + 60 });
    expect(errorName(() => verifyHs256(other, t, 'pigeon', now))).toBe('TOKEN_INVALID');
    expect(errorName(() => verifyHs256(key, signHs256(key, { iss: 'x' }), 'pigeon', now))).toBe('TOKEN_INVALID');
    const [h, p, s] = t.split('.');
    expect(errorName(() => verifyHs256(key, `${b64({ alg: 'none' })}.${p}.`, 'pigeon', now))).toBe('TOKEN_INVALID');
    expect(errorName(() => verifyHs256(key, `${h}.${b64({ iss: 'pigeon', sub: 'eve' })}.${s}`, 'pigeon', now))).toBe(
      'TOKEN_INVALID',
    );
    const crit = `${b64({ alg: 'HS256', crit: ['b64'] })}.${p}`;
    expect(errorName(() => verifyHs256(key, `${crit}.x`, 'pigeon', now))).toBe('TOKEN_INVALID');
    expect(errorName(() => verifyHs256(key, 'garbage', 'pigeon', now))).toBe('TOKEN_INVALID');
    expect(decodeHs256('garbage')).toBeUndefined();
    const notYet = signHs256(key, { iss: 'pigeon', nbf: now + 10 });
    expect(errorName(() => verifyHs256(key, notYet, 'pigeon', now))).toBe('TOKEN_NOT_YET_VALID');
    expect(verifyHs256(key, notYet, 'pigeon', now, 10)).toMatchObject({ nbf: now + 10 }); // within the leeway
    const issuedAhead = signHs256(key, { iss: 'pigeon', iat: now + 11 });
    expect(errorName(() => verifyHs256(key, issuedAhead, 'pigeon', now, 10))).toBe('TOKEN_NOT_YET_VALID');
    const badExp = signHs256(key, { iss: 'pigeon', exp: 'later' });
    expect(errorName(() => verifyHs256(key, badExp, 'pigeon', now))).toBe('TOKEN_INVALID');
  });

  it('an expired token is TOKEN_EXPIRED', () => {
    const t = signHs256(key, { iss: 'pigeon', exp: now });
    expect(errorName(() => verifyHs256(key, t, 'pigeon', now))).toBe('TOKEN_EXPIRED');
  });
});
