/**
 * `pigeon send`: a message from a user or the system, through a running server's REST API (only a
 * running server can push it to online devices). Credentials: --secret (and --client-id), or the data dir.
 */
import { MESSAGE_TYPES, type MessageType } from '@pigeon/protocol';

export interface SendArgs {
  app?: string;
  data?: string;
  url?: string;
  from?: string;
  to?: string;
  group?: string;
  room?: string;
  text?: string;
  type?: string;
  body?: string;
  ext?: string;
  secret?: string;
  'client-id'?: string;
}

const json = (v: string | undefined, flag: string): Record<string, unknown> | undefined => {
  if (v === undefined) return undefined;
  try {
    const o: unknown = JSON.parse(v);
    if (typeof o === 'object' && o !== null && !Array.isArray(o)) return o as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new Error(`--${flag} must be a JSON object`);
};

function target(a: SendArgs): { path: string; to: string } {
  const given = [
    a.to && { path: 'users', to: a.to },
    a.group && { path: 'chatgroups', to: a.group },
    a.room && { path: 'chatrooms', to: a.room },
  ].filter(Boolean);
  if (given.length !== 1) throw new Error('pigeon send needs exactly one of --to <user>, --group <id>, --room <id>');
  return given[0] as { path: string; to: string };
}

function message(a: SendArgs): { type: MessageType; body: Record<string, unknown>; ext?: Record<string, unknown> } {
  const type = (a.type ?? 'txt') as MessageType;
  if (!MESSAGE_TYPES.includes(type)) throw new Error(`--type must be one of ${MESSAGE_TYPES.join(', ')}`);
  const body = json(a.body, 'body') ?? (a.text !== undefined && type === 'txt' ? { text: a.text } : undefined);
  if (!body) throw new Error('pigeon send needs --text <text> (txt) or --body <json>');
  const ext = json(a.ext, 'ext');
  return { type, body, ...(ext ? { ext } : {}) };
}

async function credentials(a: SendArgs, appKey: string): Promise<{ clientId: string; clientSecret: string }> {
  if (a.secret && a['client-id']) return { clientId: a['client-id'], clientSecret: a.secret };
  const { withOfflineCore } = await import('./offline-core.js');
  return withOfflineCore(a.data, (core) => core.apps.get(appKey));
}

async function post(url: string, body: unknown, token?: string): Promise<Record<string, unknown>> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  };
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  const out = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${String(out.name ?? res.status)}: ${String(out.error_description ?? res.statusText)}`);
  return out;
}

/** Sends and returns the message id. */
export async function sendCommand(a: SendArgs): Promise<string> {
  const [org, name] = (a.app ?? '').split('#');
  if (!org || !name) throw new Error('pigeon send needs --app org#app');
  if (!a.url) throw new Error('pigeon send needs --url <server REST URL> (or $PIGEON_URL) of a running server');
  const { path, to } = target(a);
  const msg = message(a);
  const { clientId, clientSecret } = await credentials(a, a.app!);
  const base = `${a.url.replace(/\/+$/, '')}/${encodeURIComponent(org)}/${encodeURIComponent(name)}`;
  const grant = { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret };
  const token = (await post(`${base}/token`, grant)).access_token as string;
  const r = await post(`${base}/messages/${path}`, { ...(a.from ? { from: a.from } : {}), to: [to], ...msg }, token);
  return String((r.data as Record<string, string>)[path === 'users' ? to.toLowerCase() : to]);
}
