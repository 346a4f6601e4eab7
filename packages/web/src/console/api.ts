/**
 * The console API client: same-origin fetch with the session cookie, and on every change the anti-CSRF
 * token the server handed out at sign-in. Errors carry the server's catalogue name and message.
 */
import { ref } from 'vue';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const BASE = '/console/api';
let csrf = '';
/** The signed-in administrator, or '' when signed out. */
export const admin = ref('');

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
  const res = await fetch(BASE + path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) {
    if (res.status === 401) admin.value = '';
    throw new ApiError(res.status, String(data.name ?? res.status), String(data.error_description ?? res.statusText));
  }
  return data as T;
}

interface SessionReply {
  username: string;
  csrf: string;
}

export async function signIn(username: string, password: string): Promise<void> {
  const s = await api<SessionReply>('POST', '/login', { username, password });
  csrf = s.csrf;
  admin.value = s.username;
}

/** Picks up a session that survives a page reload (the cookie is HttpOnly; the token comes back here). */
export async function resume(): Promise<boolean> {
  try {
    const s = await api<SessionReply>('GET', '/session');
    csrf = s.csrf;
    admin.value = s.username;
    return true;
  } catch {
    return false;
  }
}

export async function signOut(): Promise<void> {
  await api('POST', '/logout').catch(() => undefined);
  csrf = '';
  admin.value = '';
}

export const appPath = (appKey: string): string => {
  const [org, name] = appKey.split('#');
  return `/apps/${encodeURIComponent(org!)}/${encodeURIComponent(name!)}`;
};
