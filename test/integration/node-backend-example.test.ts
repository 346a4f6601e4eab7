// examples/node-backend, run against the real server: sign, import, befriend, send, as seeds/004's node-im.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../examples/node-backend/backend.js';
import { Inbox, startEnv, type TestEnv } from '../helpers/env.js';
import { waitFor } from '../helpers/wait.js';

let env: TestEnv;
let backend: ReturnType<typeof createBackend>;
let base: string;
let appKey: string;
beforeAll(async () => {
  env = await startEnv({ passwordCost: 16 });
  const app = await env.srv.createApp({ org: 'shop', name: 'im', settings: { openRegistration: false } });
  appKey = app.appKey;
  const { clientId, clientSecret } = app;
  backend = createBackend({ url: env.srv.httpUrl, org: 'shop', app: 'im', clientId, clientSecret });
  await new Promise<void>((r) => backend.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => backend.close(r));
  await env.close();
});

const call = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${base}${path}`, { method, ...(body ? { body: JSON.stringify(body) } : {}) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('examples/node-backend', () => {
  it('imports users, signs their tokens, befriends them and sends a message the SDK receives', async () => {
    const imported = await call('POST', '/users', [{ username: 'alice' }, { username: 'bob' }]);
    expect(imported.status).toBe(200);
    expect((imported.body.created as unknown[]).length).toBe(2);
    expect((await call('POST', '/friends', { a: 'alice', b: 'bob' })).body).toEqual({ ok: true });
    const { body } = await call('GET', '/sig?user=bob');
    const conn = env.connection({ appKey });
    const inbox = new Inbox(conn);
    await conn.open({ user: 'bob', accessToken: body.token as string } as never);
    expect((await conn.getContacts()).data).toEqual(['alice']);
    expect((await call('POST', '/messages', { to: 'bob', text: 'hi bob', from: 'alice' })).status).toBe(200);
    await waitFor(() => inbox.texts().includes('hi bob'), 'the message');
    expect(inbox.messages()[0]).toMatchObject({ from: 'alice', to: 'bob' });
    await conn.close();
  });

  it('passes the server’s typed errors on', async () => {
    expect(await call('POST', '/messages', { to: 'nobody', text: 'x' })).toEqual({
      status: 404,
      body: { error: 'USER_NOT_FOUND', message: expect.stringContaining('nobody') },
    });
    expect((await call('GET', '/sig?user=bad name')).body).toMatchObject({ error: 'INVALID_ARGUMENT' });
    expect((await call('GET', '/nope')).status).toBe(404);
  });
});
