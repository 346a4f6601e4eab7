/** The unmodified agora-chat Web SDK (same msync protocol, older schema) against the same server. */
import SDK from '@pigeon/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait.js';
import { loadAgoraWeb, type EmAny } from './easemob-web.js';
import { startEmEnv, type EmEnv } from './em-env.js';

let env: EmEnv;
const AC = loadAgoraWeb();

beforeAll(async () => {
  env = await startEmEnv();
  await env.users('ann', 'ben', 'cat');
});
afterAll(() => env.close());

describe('agora-chat 1.4.0', () => {
  it('logs in, chats 1:1 both ways with a Pigeon-SDK user, and sends a group message', async () => {
    const ann = await env.emLogin('ann', {}, AC);
    expect(ann.conn.isOpened()).toBe(true);
    const ben = await env.login('ben');
    const r = await ann.conn.send(
      AC.message.create({ type: 'txt', chatType: 'singleChat', to: 'ben', msg: 'from agora' }),
    );
    expect(r.serverMsgId).toMatch(/^\d+$/);
    await waitFor(() => ben.inbox.texts().includes('from agora'), 'ben gets it');
    await ben.conn.send(SDK.message.create({ type: 'txt', chatType: 'singleChat', to: 'ann', msg: 'to agora' }));
    const got = await waitFor(() => ann.inbox.messages().find((m) => m.msg === 'to agora') as EmAny, 'ann gets it');
    expect(got).toMatchObject({ from: 'ben', to: 'ann' });

    const g = await ben.conn.createGroup({ data: { groupname: 'agora team', members: ['ann'], public: true } });
    const groupId = (g.data as { groupid: string }).groupid;
    await ann.conn.send(AC.message.create({ type: 'txt', chatType: 'groupChat', to: groupId, msg: 'group hi' }));
    const gm = await waitFor(() => ben.inbox.messages().find((m) => m.msg === 'group hi') as EmAny, 'group msg');
    expect(gm).toMatchObject({ from: 'ann', to: groupId, chatType: 'groupChat' });
    ann.conn.close();
  });

  it('rejects a wrong password', async () => {
    const conn = env.em({}, AC);
    await expect(conn.open({ user: 'cat', pwd: 'wrong' })).rejects.toMatchObject({ type: 1 });
  });
});
