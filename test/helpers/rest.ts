/** Real HTTP calls to a test server's REST API, with the app admin token when asked. */
import type { PigeonServer } from './env.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test bodies are read field by field
export type Json = any;

export interface RestOptions {
  token?: string;
  body?: unknown;
  /** Sent as application/x-www-form-urlencoded. */
  form?: Record<string, string>;
}

export async function rest(srv: PigeonServer, method: string, path: string, o: RestOptions = {}) {
  const headers: Record<string, string> = {};
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  let body: string | undefined;
  if (o.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(o.form).toString();
  } else if (o.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(o.body);
  }
  const res = await fetch(`${srv.httpUrl}${path}`, { method, headers, body });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Json };
}

/** The app admin token (grant_type client_credentials) of `appKey`, the default app when omitted. */
export async function adminToken(srv: PigeonServer, appKey = srv.defaultApp!.appKey): Promise<string> {
  const app = await srv.core.apps.get(appKey);
  const r = await rest(srv, 'POST', `/${appKey.replace('#', '/')}/token`, {
    body: { grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret },
  });
  if (r.status !== 200) throw new Error(`admin token: ${JSON.stringify(r.body)}`);
  return r.body.access_token as string;
}

/** A user token of `appKey` (password grant; users of test envs have password `pw-<name>`). */
export async function userToken(srv: PigeonServer, user: string, appKey = srv.defaultApp!.appKey): Promise<string> {
  const r = await rest(srv, 'POST', `/${appKey.replace('#', '/')}/token`, {
    body: { grant_type: 'password', username: user, password: `pw-${user}` },
  });
  if (r.status !== 200) throw new Error(`user token: ${JSON.stringify(r.body)}`);
  return r.body.access_token as string;
}
