// User tokens minted offline by @pigeon/server-sdk: the server's own format, accepted by the real server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PigeonError, mintUserToken } from '@pigeon/server-sdk';
import { deriveSigningKey, signToken } from '../../server/src/core/auth/tokens.js';
import { startAdminEnv, type AdminEnv } from './admin-env.js';

let e: AdminEnv;
beforeAll(async () => {
  e = await startAdminEnv();
  await e.admin.users.registerMany([{ username: 'ada', password: 'pw-ada' }, { username: 'bea' }]);
});
afterAll(() => e.close());

describe('mintUserToken', () => {
  it('signs the same bytes as the server for the same claims', async () => {
    const appKey = 'acme#x';
    const clientSecret = 's3cret';
    const now = 1_800_000_000;
    const ours = mintUserToken({ appKey, clientSecret, user: 'Ada', ttlSeconds: 3600, now });
    const theirs = await signToken(deriveSigningKey(appKey, clientSecret), {
      typ: 'user',
      sub: 'ada',
      appKey,
      ttlSeconds: 3600,
      now,
    });
    expect(ours).toBe(theirs.token);
  });

  it('logs a real SDK connection in, with no network call to mint', async () => {
    const { conn } = await e.login('Ada');
    expect(conn.isOpened()).toBe(true);
    await conn.close();
  });

  it('is refused when signed with another secret (TOKEN_INVALID) or after the user is revoked', async () => {
    const appKey = `${e.creds.org}#${e.creds.app}`;
    const forged = mintUserToken({ appKey, clientSecret: 'not-the-secret', user: 'bea' });
    const conn = e.env.connection({ appKey });
    await expect(conn.open({ user: 'bea', accessToken: forged } as never)).rejects.toMatchObject({
      type: 'TOKEN_INVALID',
    });
    const old = mintUserToken({ appKey, clientSecret: e.creds.clientSecret, user: 'bea', now: Date.now() / 1000 - 10 });
    await e.admin.users.setPassword('bea', 'new-pw');
    const again = e.env.connection({ appKey });
    await expect(again.open({ user: 'bea', accessToken: old } as never)).rejects.toMatchObject({
      type: 'TOKEN_INVALID',
    });
  });

  it('refuses bad input with INVALID_ARGUMENT', () => {
    const ok = { appKey: 'a#b', clientSecret: 's', user: 'u' };
    for (const bad of [{ user: 'no spaces' }, { user: '' }, { appKey: 'nohash' }, { clientSecret: '' }]) {
      let err: unknown;
      try {
        mintUserToken({ ...ok, ...bad });
      } catch (x) {
        err = x;
      }
      expect(err).toBeInstanceOf(PigeonError);
      expect(err).toMatchObject({ type: 'INVALID_ARGUMENT', code: 6007 });
    }
  });
});
