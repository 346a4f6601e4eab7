/**
 * The admin client for an app's backend: every call carries the app's admin token, which the client
 * gets with client_credentials and renews by itself (before it expires, and after a 401).
 */
import { PigeonError } from '@pigeon/protocol';
import { AdminToken } from './admin-token.js';
import { AdminHttp } from './http.js';
import { mintUserToken } from './mint-user-token.js';
import { Chatrooms } from './resources/chatrooms.js';
import { Blocks, Contacts } from './resources/contacts.js';
import { Groups } from './resources/groups.js';
import { Messages } from './resources/messages.js';
import { Metadata } from './resources/metadata.js';
import { Users } from './resources/users.js';

export interface PigeonAdminOptions {
  /** The server's REST base URL, e.g. `https://im.example.com`. */
  url: string;
  org: string;
  app: string;
  clientId: string;
  clientSecret: string;
  /** Lifetime asked for admin tokens, seconds [the app's default]. */
  tokenTtlSeconds?: number;
  /** Replaces global fetch (a proxy agent, a test double). */
  fetch?: typeof fetch;
  /** Milliseconds since the epoch [Date.now]: when to renew the admin token. */
  now?: () => number;
}

export class PigeonAdmin {
  readonly appKey: string;
  readonly users: Users;
  readonly contacts: Contacts;
  readonly blocks: Blocks;
  readonly metadata: Metadata;
  readonly groups: Groups;
  readonly chatrooms: Chatrooms;
  readonly messages: Messages;
  /** The admin token holder (its `fetches` counts renewals). */
  readonly adminToken: AdminToken;
  readonly #o: PigeonAdminOptions;

  constructor(o: PigeonAdminOptions) {
    for (const k of ['url', 'org', 'app', 'clientId', 'clientSecret'] as const)
      if (typeof o[k] !== 'string' || !o[k]) throw new PigeonError('INVALID_ARGUMENT', `PigeonAdmin needs ${k}.`);
    this.#o = o;
    this.appKey = `${o.org}#${o.app}`;
    const appUrl = `${o.url.replace(/\/+$/, '')}/${encodeURIComponent(o.org)}/${encodeURIComponent(o.app)}`;
    const fetchFn = o.fetch ?? globalThis.fetch;
    const tokenHttp = new AdminHttp({ appUrl, fetch: fetchFn, token: undefined });
    this.adminToken = new AdminToken({ now: o.now ?? Date.now, fetchToken: () => this.#fetchToken(tokenHttp) });
    const http = new AdminHttp({ appUrl, fetch: fetchFn, token: this.adminToken });
    this.users = new Users(http);
    this.contacts = new Contacts(http);
    this.blocks = new Blocks(http);
    this.metadata = new Metadata(http);
    this.groups = new Groups(http);
    this.chatrooms = new Chatrooms(http);
    this.messages = new Messages(http);
  }

  /** A user token signed here with the client secret: no network call. */
  mintUserToken(user: string, ttlSeconds?: number): string {
    return mintUserToken({
      appKey: this.appKey,
      clientSecret: this.#o.clientSecret,
      user,
      ...(ttlSeconds ? { ttlSeconds } : {}),
    });
  }

  async #fetchToken(http: AdminHttp): Promise<{ token: string; expiresInSeconds: number }> {
    const body = {
      grant_type: 'client_credentials',
      client_id: this.#o.clientId,
      client_secret: this.#o.clientSecret,
      ...(this.#o.tokenTtlSeconds ? { ttl: this.#o.tokenTtlSeconds } : {}),
    };
    const r = await http.call<{ access_token: string; expires_in: number }>('POST', '/token', {
      body,
      anonymous: true,
    });
    return { token: r.access_token, expiresInSeconds: r.expires_in };
  }
}
