/** Contact requests from a Pigeon-SDK user reach an Easemob-SDK user as ROSTER metas, and back. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait.js';
import type { EmAny } from './easemob-web.js';
import { startEmEnv, type EmEnv } from './em-env.js';

let env: EmEnv;

beforeAll(async () => {
  env = await startEmEnv();
  await env.users('alice', 'bob', 'carol');
});
afterAll(() => env.close());

describe('contacts', () => {
  it('onContactInvited for a Pigeon request; onContactAgreed when the Pigeon user accepts', async () => {
    const alice = await env.emLogin('alice');
    const bob = await env.login('bob');
    await bob.conn.addContact('alice', 'be my friend');
    const inv = await waitFor(() => alice.inbox.of('onContactInvited')[0] as EmAny, 'invited');
    expect(inv).toMatchObject({ from: 'bob', to: 'alice', status: 'be my friend' });

    const carol = await env.login('carol');
    await alice.conn.addContact('carol', 'hello carol');
    const toCarol = await waitFor(() => carol.inbox.of('onContactInvited')[0] as EmAny, 'carol invited');
    expect(toCarol).toMatchObject({ from: 'alice' });
    await carol.conn.acceptContactInvite('alice');
    const agreed = await waitFor(() => alice.inbox.of('onContactAgreed')[0] as EmAny, 'agreed');
    expect(agreed).toMatchObject({ from: 'carol' });
    await alice.conn.acceptContactInvite('bob');
    const added = await waitFor(() => bob.inbox.of('onContactAgreed')[0] as EmAny, 'bob agreed');
    expect(added).toMatchObject({ from: 'alice' });
    alice.conn.close();
  });
});
