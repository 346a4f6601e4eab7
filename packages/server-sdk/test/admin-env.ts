/** A real server on port 0 with an app whose registration is closed, and a PigeonAdmin for it. */
import { Inbox, startEnv, type Connection, type TestEnv } from '../../../test/helpers/env.js';
import { PigeonAdmin, type PigeonAdminOptions } from '@pigeon/server-sdk';

export interface AdminEnv {
  env: TestEnv;
  admin: PigeonAdmin;
  creds: { url: string; org: string; app: string; clientId: string; clientSecret: string };
  /** A new PigeonAdmin for the same app, with other options. */
  adminWith(o: Partial<PigeonAdminOptions>): PigeonAdmin;
  /** An SDK connection logged in with a token minted offline by the server SDK. */
  login(user: string): Promise<{ conn: Connection; inbox: Inbox }>;
  close(): Promise<void>;
}

let apps = 0;

export async function startAdminEnv(): Promise<AdminEnv> {
  const env = await startEnv({ passwordCost: 16 });
  const org = 'acme';
  const app = `chat${++apps}`;
  const created = await env.srv.createApp({ org, name: app, settings: { openRegistration: false } });
  const creds = { url: env.srv.httpUrl, org, app, clientId: created.clientId, clientSecret: created.clientSecret };
  const admin = new PigeonAdmin(creds);
  return {
    env,
    admin,
    creds,
    adminWith: (o) => new PigeonAdmin({ ...creds, ...o }),
    async login(user) {
      const conn = env.connection({ appKey: `${org}#${app}` });
      const inbox = new Inbox(conn);
      await conn.open({ user, accessToken: admin.mintUserToken(user) } as never);
      return { conn, inbox };
    },
    close: () => env.close(),
  };
}
