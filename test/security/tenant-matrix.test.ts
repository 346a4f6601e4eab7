// Tenant isolation over every documented REST route (read from the server's OpenAPI, so new routes
// are covered without editing this file): no token, another app's admin and user tokens, an expired
// token, a token from before a secret rotation and a forged one are all refused with the right error;
// a plain user of the right app cannot act on another user's things.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { OP_NAMES } from '@pigeon/protocol';
import { OP_SCHEMAS } from '../../packages/server/src/gateway/op-schemas.js';
import { RawClient } from '../../packages/server/test/helpers/ws-client.js';
import { deriveSigningKey, signToken } from '../../packages/server/src/core/auth/tokens.js';
import { startTestServer, type Json, type TestServer } from '../../packages/server/test/helpers/server.js';
import { documentedRoutes, fillPath, minimalBody, type RouteSpec } from '../helpers/openapi-routes.js';

let s: TestServer;
let routes: RouteSpec[];
const T = 'tenant#t';
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};

async function rest(method: string, path: string, token?: string, body?: unknown) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${s.httpUrl}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: Json = text;
  try {
    json = JSON.parse(text);
  } catch {
    /* a file */
  }
  return { status: res.status, body: json };
}

async function passwordToken(appKey: string, user: string): Promise<string> {
  const r = await rest('POST', `/${appKey.replace('#', '/')}/token`, undefined, {
    grant_type: 'password',
    username: user,
    password: `pw-${user}`,
  });
  return r.body.access_token as string;
}

beforeAll(async () => {
  s = await startTestServer();
  await s.createApp({ org: 'tenant', name: 't', settings: { openRegistration: false } });
  await s.createApp({ org: 'other', name: 'b', settings: { openRegistration: true } });
  await s.createUsers(['alice', 'bob', 'carol'], T);
  await s.createUsers(['alice'], 'other#b');
  const admin = await s.adminToken(T);
  const g = await rest('POST', '/tenant/t/chatgroups', admin, {
    groupname: 'private',
    desc: 'd',
    public: false,
    owner: 'alice',
    members: ['carol'],
  });
  ids.group = g.body.data.groupid;
  const r = await rest('POST', '/tenant/t/chatrooms', admin, { name: 'room', description: 'd', owner: 'alice' });
  ids.room = r.body.data.id;
  const form = new FormData();
  form.append('file', new Blob(['secret notes']), 'notes.txt');
  const up = await fetch(`${s.httpUrl}/tenant/t/chatfiles`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await passwordToken(T, 'alice')}`, 'restrict-access': 'true' },
    body: form,
  });
  ids.file = ((await up.json()) as Json).entities[0].uuid;
  // Tokens from before a rotation of tenant#t's secret stop working after it.
  tokens.rotatedAdmin = admin;
  tokens.rotatedUser = await passwordToken(T, 'alice');
  await s.core.apps.rotateSecret(T);
  const app = await s.core.apps.get(T);
  const key = deriveSigningKey(T, app.clientSecret);
  const past = Math.floor(Date.now() / 1000) - 7200;
  tokens.expiredAdmin = (
    await signToken(key, { typ: 'admin', sub: app.clientId, appKey: T, ttlSeconds: 60, now: past })
  ).token;
  tokens.expiredUser = (
    await signToken(key, { typ: 'user', sub: 'alice', appKey: T, ttlSeconds: 60, now: past })
  ).token;
  const forged = deriveSigningKey(T, 'YXA6-not-the-secret');
  tokens.forgedAdmin = (await signToken(forged, { typ: 'admin', sub: app.clientId, appKey: T, ttlSeconds: 600 })).token;
  tokens.otherAdmin = await s.adminToken('other#b');
  tokens.otherUser = await passwordToken('other#b', 'alice');
  tokens.bob = await passwordToken(T, 'bob');
  routes = (await documentedRoutes(s.httpUrl)).filter((r) => r.secured);
});
afterAll(() => s.close());

/** Path values aimed at alice's things in tenant#t. */
const values = () => ({
  username: 'alice',
  friend: 'carol',
  blocked: 'carol',
  group_id: ids.group!,
  chatroom_id: ids.room!,
  uuid: ids.file!,
  resource: 'web',
  status: '1',
  expiry: '60',
});

const names: Record<string, string> = { string: 'alice', username: 'alice', from: 'alice', conv: 's:alice:carol' };

async function call(r: RouteSpec, token: string | undefined) {
  const body = r.body ? minimalBody(r.body, names) : undefined;
  const query = new URLSearchParams(
    r.requiredQuery.map((k) => [k, names[k] ?? String(minimalBody(r.query[k], names))]),
  ).toString();
  return rest(r.method, `${fillPath(r.path, T, values())}${query ? `?${query}` : ''}`, token, body);
}

const BAD_CREDENTIALS: Array<[string, () => string | undefined, string[]]> = [
  // Registration is the one route open without a token, when the app turns open registration on.
  ['no token', () => undefined, ['NOT_AUTHENTICATED', 'REGISTRATION_CLOSED', 'FILE_ACCESS_DENIED']],
  ["another app's admin token", () => tokens.otherAdmin, ['WRONG_TENANT']],
  ["another app's user token (same user name)", () => tokens.otherUser, ['WRONG_TENANT']],
  ['an expired admin token', () => tokens.expiredAdmin, ['TOKEN_EXPIRED']],
  ['an expired user token', () => tokens.expiredUser, ['TOKEN_EXPIRED']],
  ['an admin token from before a secret rotation', () => tokens.rotatedAdmin, ['TOKEN_INVALID']],
  ['a user token from before a secret rotation', () => tokens.rotatedUser, ['TOKEN_INVALID']],
  ['an admin token signed with a wrong secret', () => tokens.forgedAdmin, ['TOKEN_INVALID']],
  ['garbage', () => 'not.a.jwt', ['TOKEN_INVALID']],
];

const REFUSALS = [
  'FORBIDDEN',
  'REGISTRATION_CLOSED',
  'FILE_ACCESS_DENIED',
  'NOT_A_MEMBER',
  'ROLE_REQUIRED',
  // Asking to join a private group: refused, nothing filed.
  'JOIN_NOT_ALLOWED',
];

describe('tenant isolation on every documented REST route', () => {
  it.each(BAD_CREDENTIALS)('%s is refused on every secured route', async (_what, token, expected) => {
    expect(routes.length).toBeGreaterThan(50);
    const wrong: string[] = [];
    for (const r of routes) {
      const got = await call(r, token());
      if (got.status < 400 || !expected.includes(got.body?.name))
        wrong.push(`${r.method} ${r.path} -> ${got.status} ${got.body?.name} ${got.body?.error_description}`);
    }
    expect(wrong).toEqual([]);
  });

  it("another user of the same app cannot act on alice's user, contacts, files, group or chatroom", async () => {
    // User attributes are readable by every user of the app (Easemob's fetchUserInfoById).
    const PUBLIC_TO_USERS = ['GET /{org}/{app}/metadata/user/{username}', 'POST /{org}/{app}/metadata/user/get'];
    // Bob uploading a file of his own is no attack on alice.
    const OWN_ACTIONS = ['POST /{org}/{app}/chatfiles'];
    const wrong: string[] = [];
    for (const r of routes) {
      const got = await call(r, tokens.bob);
      if (OWN_ACTIONS.includes(`${r.method} ${r.path}`)) continue;
      const allowed = PUBLIC_TO_USERS.includes(`${r.method} ${r.path}`);
      if (allowed ? got.status !== 200 : got.status < 400 || !REFUSALS.includes(got.body?.name))
        wrong.push(`${r.method} ${r.path} -> ${got.status} ${got.body?.name} ${got.body?.error_description}`);
    }
    expect(wrong).toEqual([]);
  });
});

const authFrame = (token: string) => ({ v: 1, appKey: T, token, platform: 'node', deviceId: 'd-matrix', sdk: 'test' });

describe('tenant isolation on every WebSocket op', () => {
  it.each(BAD_CREDENTIALS.filter(([what]) => what !== 'no token'))(
    '%s: auth is refused and the socket closed with 4001',
    async (_what, token, expected) => {
      const c = await RawClient.open(s.wsUrl);
      const r = await c.request('auth', authFrame(token()!));
      expect(expected).toContain(r.err?.name);
      expect((await c.closed).code).toBe(4001);
    },
  );

  it('every op before a successful auth gets NOT_AUTHENTICATED', async () => {
    const c = await RawClient.open(s.wsUrl);
    for (const op of OP_NAMES.filter((o) => o !== 'auth')) {
      const r = await c.request(op, minimalBody(OP_SCHEMAS[op], wsNames()));
      expect(r.err?.name, op).toBe('NOT_AUTHENTICATED');
    }
    expect(c.ws.readyState).toBe(WebSocket.OPEN);
    c.close();
  });

  it("another user of the same app gets no op through on alice's conversation, private group or chatroom", async () => {
    const c = await RawClient.open(s.wsUrl);
    expect((await c.request('auth', authFrame(tokens.bob!))).d.user).toBe('bob');
    const wrong: string[] = [];
    for (const op of OP_NAMES.filter((o) => o !== 'auth' && !OPEN_OPS.includes(o))) {
      const d = minimalBody(OP_SCHEMAS[op], wsNames());
      const r = await c.request(op, d);
      if (!WS_REFUSALS.includes(r.err?.name)) wrong.push(`${op} ${JSON.stringify(d)} -> ${JSON.stringify(r)}`);
    }
    expect(wrong).toEqual([]);
    c.close();
  });
});

/**
 * Ops any user may call: on their own state (lists, blocks, presence, profile), on public things
 * (chatrooms are open to join and read, public groups), or asking alice (a contact request).
 */
const OPEN_OPS: string[] = [
  'ping',
  'group.pending',
  'msg.send',
  'conv.list',
  'sync.positions',
  'group.create',
  'group.joined',
  'group.public',
  'room.list',
  'room.info',
  'room.join',
  'room.leave',
  'room.joined',
  'room.members',
  'room.admins',
  'room.announcement',
  'contact.add',
  'contact.list',
  'contact.sync',
  'block.add',
  'block.remove',
  'block.list',
  'profile.update',
  'profile.get',
  'presence.publish',
  'presence.subscribe',
  'presence.unsubscribe',
  'presence.subscriptions',
  'presence.get',
];

/** What a stranger gets: not a member, no role, nothing pending for them, or no such thing for them. */
const WS_REFUSALS = [
  'FORBIDDEN',
  'NOT_A_MEMBER',
  'ROLE_REQUIRED',
  'JOIN_NOT_ALLOWED',
  'REQUEST_NOT_FOUND',
  'NO_CONTACT_REQUEST',
  'NOT_A_CONTACT',
];

const wsNames = (): Record<string, unknown> => ({
  string: 'alice',
  user: 'alice',
  conv: 's:alice:carol',
  groupId: ids.group!,
  roomId: ids.room!,
  groupIds: [ids.group!],
});
