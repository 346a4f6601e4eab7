/** A test environment with the real server, Pigeon-SDK users and Easemob-SDK users side by side. */
import { Inbox, startEnv, type ServerOptions, type TestEnv } from '../helpers/env.js';
import { loadEasemobWeb, type EmAny } from './easemob-web.js';

export interface EmEnv extends TestEnv {
  /** An Easemob Web SDK connection (unmodified build) pointed at our server. */
  em(extra?: Record<string, unknown>, sdk?: EmAny): EmAny;
  /** Logs in with the password (REST /token, then PROVISION) and collects events. */
  emLogin(user: string, extra?: Record<string, unknown>, sdk?: EmAny): Promise<{ conn: EmAny; inbox: Inbox }>;
}

export async function startEmEnv(opts: Partial<ServerOptions> = {}): Promise<EmEnv> {
  const env = await startEnv(opts);
  const closeEnv = env.close.bind(env);
  const EC = loadEasemobWeb();
  const opened: EmAny[] = [];
  const em = (extra: Record<string, unknown> = {}, sdk: EmAny = EC): EmAny => {
    const conn = new sdk.connection({
      appKey: env.srv.defaultApp!.appKey,
      isHttpDNS: false,
      url: env.srv.msyncUrl,
      apiUrl: env.srv.httpUrl,
      ...extra,
    });
    opened.push(conn);
    return conn;
  };
  return Object.assign(env, {
    em,
    async emLogin(user: string, extra: Record<string, unknown> = {}, sdk: EmAny = EC) {
      const conn = em(extra, sdk);
      const inbox = new Inbox(conn);
      await conn.open({ user, pwd: `pw-${user}` });
      return { conn, inbox };
    },
    close: async () => {
      for (const c of opened) c.close();
      await closeEnv();
    },
  });
}
