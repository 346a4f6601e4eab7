// Repeated query parameters (the mini-program and uni-app SDK builds send each one twice), on every
// REST route through real HTTP: a repeat of one value is that value, two different values are a 400.
import { Type } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldRepeats } from '../src/http/query-repeats.js';
import { startTestServer, type TestServer } from './helpers/server.js';

let s: TestServer;
let admin: string;
let alice: string;
beforeAll(async () => {
  s = await startTestServer();
  admin = await s.adminToken();
  await s.createUsers(['alice', 'bob', 'carol']);
  alice = await s.tokenFor('alice');
});
afterAll(() => s.close());

const get = (path: string, token = admin) => s.rest('GET', path, { token });

function expectConflict(r: { status: number; body: unknown }, field: string) {
  expect(r.status).toBe(400);
  expect(r.body).toMatchObject({
    name: 'BAD_REQUEST',
    details: { path: `/querystring/${field}` },
  });
}

describe('a scalar query field given twice with the same value', () => {
  it('GET /users pages by the one limit', async () => {
    const r = await get('/pigeon/demo/users?limit=2&limit=2');
    expect(r.status).toBe(200);
    expect(r.body.entities).toHaveLength(2);
    expect(r.body.cursor).toEqual(expect.any(String));
    const next = await get(`/pigeon/demo/users?limit=2&cursor=${r.body.cursor}&limit=2&cursor=${r.body.cursor}`);
    expect(next.status).toBe(200);
    expect(next.body.entities.map((u: { username: string }) => u.username)).toEqual(['carol']);
  });

  it('GET /chatgroups, three copies', async () => {
    const r = await get('/pigeon/demo/chatgroups?limit=5&limit=5&limit=5');
    expect(r.status).toBe(200);
  });

  it('GET /messages/history with conv and limit repeated', async () => {
    const q = 'conv=s:alice:bob&limit=3';
    const r = await get(`/pigeon/demo/messages/history?${q}&${q}`);
    expect(r.status).toBe(200);
  });

  it("the SDK's conversation lists (the user's own token)", async () => {
    const page = await get(
      '/pigeon/demo/users/alice/user_channels/page?pageNum=1&pageSize=10&pageNum=1&pageSize=10',
      alice,
    );
    expect(page.status).toBe(200);
    const list = await get(
      '/pigeon/demo/sdk/user/alice/user_channels/list?limit=10&need_mark=true&limit=10&need_mark=true',
      alice,
    );
    expect(list.status).toBe(200);
  });
});

describe('a scalar query field given twice with different values', () => {
  it('GET /users: a typed 400 naming the field', async () => {
    expectConflict(await get('/pigeon/demo/users?limit=1&limit=2'), 'limit');
  });

  it('GET /messages/history: a typed 400 naming the field', async () => {
    expectConflict(await get('/pigeon/demo/messages/history?conv=s:alice:bob&conv=s:alice:carol'), 'conv');
  });

  it("the SDK's conversation list: a typed 400 (no longer the first value)", async () => {
    expectConflict(await get('/pigeon/demo/users/alice/user_channels/page?pageSize=10&pageSize=20', alice), 'pageSize');
  });

  it('a key the route does not name is left to the schema (ignored here)', async () => {
    const r = await get('/pigeon/demo/users?limit=1&x=1&x=2');
    expect(r.status).toBe(200);
  });
});

describe('foldRepeats', () => {
  const schema = Type.Object({
    tags: Type.Optional(Type.Array(Type.String())),
    either: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())])),
    n: Type.Optional(Type.Integer()),
  });

  it('keeps every value of an array field, also a union with an array branch', () => {
    expect(foldRepeats({ tags: ['a', 'a', 'b'], either: ['x', 'y'], n: ['1', '1'] }, schema)).toEqual({
      tags: ['a', 'a', 'b'],
      either: ['x', 'y'],
      n: '1',
    });
  });

  it('leaves a query without repeats as it is (the same object)', () => {
    const q = { n: '1' };
    expect(foldRepeats(q, schema)).toBe(q);
  });

  it('a repeated __proto__ key stays a plain key (no prototype change)', () => {
    const out = foldRepeats(JSON.parse('{"__proto__":["a","a"],"n":["1","1"]}') as Record<string, unknown>, schema);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toBe('a');
  });

  it('throws a typed BAD_REQUEST for a scalar with two values', () => {
    expect(() => foldRepeats({ n: ['1', '2'] }, schema)).toThrow(expect.objectContaining({ type: 'BAD_REQUEST' }));
  });
});
