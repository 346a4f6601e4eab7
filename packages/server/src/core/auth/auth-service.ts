/** Grants (client_credentials, password) and token verification with tenant and revocation checks. */
import { PigeonError } from '@pigeon/protocol';
import type { AbuseLimits } from '../abuse/abuse-limits.js';
import type { AppService } from '../apps/app-service.js';
import type { UserRepository } from '../ports/users.js';
import type { App, UserRecord } from '../types.js';
import { verifyPassword } from './passwords.js';
import { appKeyOf, decodeHs256, deriveSigningKey, signToken, verifyToken, type TokenClaims } from './tokens.js';

export type Principal =
  { kind: 'admin'; app: App; expiresAt: number } | { kind: 'user'; app: App; user: UserRecord; expiresAt: number };

export interface IssuedToken {
  token: string;
  expiresInSeconds: number;
  expiresAt: number;
}

export class AuthService {
  readonly #apps: AppService;
  readonly #users: UserRepository;
  readonly #keys = new Map<string, Uint8Array>();
  readonly #abuse: AbuseLimits | undefined;

  constructor(apps: AppService, users: UserRepository, abuse?: AbuseLimits) {
    this.#apps = apps;
    this.#users = users;
    this.#abuse = abuse;
  }

  #key(app: App): Uint8Array {
    // Keyed by the secret too: after a rotation the old key (and every token it signed) stops working.
    const id = `${app.id}:${app.clientSecret}`;
    let key = this.#keys.get(id);
    if (!key) {
      for (const k of this.#keys.keys()) if (k.startsWith(`${app.id}:`)) this.#keys.delete(k);
      this.#keys.set(id, (key = deriveSigningKey(app.appKey, app.clientSecret)));
    }
    return key;
  }

  async #issue(app: App, claims: Omit<Parameters<typeof signToken>[1], 'appKey'>): Promise<IssuedToken> {
    const ttl = claims.ttlSeconds > 0 ? claims.ttlSeconds : app.settings.tokenTtlSeconds;
    const { token, expiresAt } = await signToken(this.#key(app), { ...claims, ttlSeconds: ttl, appKey: app.appKey });
    return { token, expiresAt, expiresInSeconds: ttl };
  }

  async clientCredentials(app: App, clientId: string, clientSecret: string, ttlSeconds = 0): Promise<IssuedToken> {
    if (clientId !== app.clientId || clientSecret !== app.clientSecret) {
      throw new PigeonError('AUTH_FAILED', 'Wrong client_id or client_secret.');
    }
    return this.#issue(app, { typ: 'admin', sub: app.clientId, ttlSeconds });
  }

  async password(
    app: App,
    username: string,
    password: string,
    ttlSeconds = 0,
    address = '',
  ): Promise<IssuedToken & { user: UserRecord }> {
    const name = username.toLowerCase();
    // Brute force: after too many failures the right password is refused too, until the window ends.
    await this.#abuse?.beforeLogin(app.id, name, address);
    const user = await this.#users.get(app.id, name);
    if (!user?.passwordHash || !(await verifyPassword(password, user.passwordHash))) {
      await this.#abuse?.loginFailed(app.id, name, address);
      throw new PigeonError('AUTH_FAILED', 'Wrong user name or password.');
    }
    await this.#abuse?.loginSucceeded(app.id, name);
    return this.userToken(app, user, ttlSeconds);
  }

  /** A token for a user the caller already vouches for (the admin's `inherit` grant, or after a password check). */
  async userToken(app: App, user: UserRecord, ttlSeconds = 0): Promise<IssuedToken & { user: UserRecord }> {
    if (!user.activated) throw new PigeonError('USER_DEACTIVATED');
    const issued = await this.#issue(app, { typ: 'user', sub: user.username, ver: user.tokenVersion, ttlSeconds });
    return { ...issued, user };
  }

  /** Verifies a token; with `expected`, a token of another app is WRONG_TENANT. */
  async authenticate(token: string, expected?: App): Promise<Principal> {
    const payload = decodeHs256(token);
    const claimed = appKeyOf(payload);
    const app = claimed === undefined ? undefined : await this.#apps.find(claimed);
    if (!app) throw new PigeonError('TOKEN_INVALID', 'The token names no known app.');
    const claims = await verifyToken(this.#key(app), token, payload);
    if (claims.app !== app.appKey) throw new PigeonError('TOKEN_INVALID');
    if (expected && expected.id !== app.id) {
      throw new PigeonError('WRONG_TENANT', `The token belongs to app ${app.appKey}, not ${expected.appKey}.`);
    }
    const expiresAt = claims.exp * 1000;
    if (claims.typ === 'admin') {
      if (claims.sub !== app.clientId)
        throw new PigeonError('TOKEN_INVALID', 'The admin token was issued to an old client id.');
      return { kind: 'admin', app, expiresAt };
    }
    return { kind: 'user', app, user: await this.#checkUser(app, claims), expiresAt };
  }

  async #checkUser(app: App, claims: TokenClaims): Promise<UserRecord> {
    const user = await this.#users.get(app.id, claims.sub);
    if (!user) throw new PigeonError('TOKEN_INVALID', 'The token names a user that does not exist.');
    const revoked = claims.ver !== undefined ? claims.ver !== user.tokenVersion : claims.iat < user.revokedBefore;
    if (revoked)
      throw new PigeonError('TOKEN_INVALID', 'The token was revoked (password changed or user deactivated).');
    if (!user.activated) throw new PigeonError('USER_DEACTIVATED');
    return user;
  }
}
