/**
 * Where the fan-out scenarios send: on Pigeon, a group created (or a chatroom created and joined) the
 * way an app's backend and its users do it, over REST with the admin token and over the socket; on
 * the bare relay, a topic every member joins (`room.join`), the least a hand-rolled server must do.
 */
import type { BenchClient } from './client.js';
import { mapLimit } from './concurrency.js';
import { loopbackUrl } from './loopback.js';
import { APP_KEY } from './targets/pigeon.js';
import type { Account, Target } from './targets/target.js';

export interface Audience {
  chat: 'group' | 'room';
  /** Group or room id. */
  to: string;
  /** The conversation key messages land in (g:<id> or r:<id>). */
  conv: string;
}

const field = (lines: string[], name: string): string | undefined => {
  for (const line of lines) {
    const m = new RegExp(`client ${name}:\\s*(\\S+)`, 'i').exec(line);
    if (m) return m[1];
  }
  return undefined;
};

async function adminRest(
  target: Target,
): Promise<(method: string, path: string, body?: unknown) => Promise<Record<string, unknown>>> {
  const base = `${loopbackUrl(target.child.match[1]!)}/${APP_KEY.replace('#', '/')}`;
  const call = async (method: string, path: string, body?: unknown, token?: string) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(base + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} -> ${res.status}: ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : {}) as Record<string, unknown>;
  };
  const grant = {
    grant_type: 'client_credentials',
    client_id: field(target.child.lines, 'id'),
    client_secret: field(target.child.lines, 'secret'),
  };
  const token = (await call('POST', '/token', grant)).access_token as string;
  return (method, path, body) => call(method, path, body, token);
}

/** A group of every account (the first owns it): created with up to 1,000 members, the rest added 500 at a time. */
export async function groupOf(target: Target, accounts: Account[], clients: BenchClient[]): Promise<Audience> {
  if (target.name !== 'pigeon') return topic(clients, 'group', 'bench-group');
  const rest = await adminRest(target);
  const [owner, ...rest0] = accounts.map((a) => a.user);
  const first = rest0.slice(0, 999);
  const created = await rest('POST', '/chatgroups', {
    groupname: 'bench',
    owner,
    members: first,
    maxusers: accounts.length,
  });
  const id = (created.data as { groupid: string }).groupid;
  for (let i = first.length; i < rest0.length; i += 500)
    await rest('POST', `/chatgroups/${id}/users`, { usernames: rest0.slice(i, i + 500) });
  return { chat: 'group', to: id, conv: `g:${id}` };
}

/** A chatroom every member joins over its own socket (as the SDK's joinChatRoom does). */
export async function roomOf(target: Target, accounts: Account[], clients: BenchClient[]): Promise<Audience> {
  if (target.name !== 'pigeon') return topic(clients, 'room', 'bench-room');
  const rest = await adminRest(target);
  const created = await rest('POST', '/chatrooms', {
    name: 'bench',
    owner: accounts[0]!.user,
    maxusers: accounts.length,
  });
  const id = (created.data as { id: string }).id;
  await mapLimit(clients, 200, (c) => c.request('room.join', { roomId: id }));
  return { chat: 'room', to: id, conv: `r:${id}` };
}

async function topic(clients: BenchClient[], chat: 'group' | 'room', id: string): Promise<Audience> {
  await mapLimit(clients, 200, (c) => c.request('room.join', { roomId: id }));
  return { chat, to: id, conv: `${chat[0]}:${id}` };
}
