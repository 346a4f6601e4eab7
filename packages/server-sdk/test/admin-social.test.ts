// PigeonAdmin contacts, blocks, user attributes, groups and chatrooms against the real server and SDK.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PigeonAdminError } from '@pigeon/server-sdk';
import { waitFor } from '../../../test/helpers/wait.js';
import { startAdminEnv, type AdminEnv } from './admin-env.js';

let e: AdminEnv;
beforeAll(async () => {
  e = await startAdminEnv();
  await e.admin.users.registerMany(['ada', 'bea', 'cal', 'dee'].map((username) => ({ username })));
});
afterAll(() => e.close());

const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a failure');
    },
    (x: unknown) => x as PigeonAdminError,
  );

describe('contacts and blocks', () => {
  it('binds friends both ways (the SDK users are told), lists them page by page, removes them', async () => {
    const bea = await e.login('bea');
    await e.admin.contacts.add('ada', 'bea');
    await e.admin.contacts.add('ada', 'cal');
    await waitFor(() => bea.inbox.of('onContactAdded').length === 1, 'bea told');
    expect(await e.admin.contacts.list('ada')).toEqual(['bea', 'cal']);
    expect(await e.admin.contacts.list('bea')).toEqual(['ada']);
    const page = await e.admin.contacts.page('ada', { limit: 1 });
    expect(page).toEqual({ items: [{ username: 'bea', remark: null }], cursor: 'bea' });
    expect((await e.admin.contacts.page('ada', { limit: 1, cursor: page.cursor! })).items).toEqual([
      { username: 'cal', remark: null },
    ]);
    await e.admin.contacts.remove('cal', 'ada');
    expect(await e.admin.contacts.list('ada')).toEqual(['bea']);
    expect(await failure(e.admin.contacts.add('ada', 'nobody'))).toMatchObject({ type: 'USER_NOT_FOUND' });
    await bea.conn.close();
  });

  it('blocks and unblocks', async () => {
    expect(await e.admin.blocks.add('ada', ['cal', 'dee'])).toEqual(['cal', 'dee']);
    expect(await e.admin.blocks.list('ada')).toEqual(['cal', 'dee']);
    await e.admin.blocks.remove('ada', 'dee');
    expect(await e.admin.blocks.list('ada')).toEqual(['cal']);
    expect(await failure(e.admin.blocks.add('ada', ['ghost']))).toMatchObject({ type: 'USER_NOT_FOUND' });
    await e.admin.blocks.remove('ada', 'cal');
  });
});

describe('user attributes', () => {
  it('sets, reads one or many, deletes', async () => {
    expect(await e.admin.metadata.set('ada', { nickname: 'Ada', age: 36 })).toEqual({ nickname: 'Ada', age: '36' });
    expect(await e.admin.metadata.get('ada')).toEqual({ nickname: 'Ada', age: '36' });
    await e.admin.metadata.set('bea', { nickname: 'Bea' });
    expect(await e.admin.metadata.getMany(['ada', 'bea', 'ghost'], ['nickname'])).toEqual({
      ada: { nickname: 'Ada' },
      bea: { nickname: 'Bea' },
    });
    await e.admin.metadata.delete('ada');
    expect(await e.admin.metadata.get('ada')).toEqual({});
    expect(await failure(e.admin.metadata.set('ada', { big: 'x'.repeat(5000) }))).toMatchObject({
      type: 'VALUE_TOO_LARGE',
      status: 413,
    });
  });
});

describe('groups', () => {
  it('create, get, list, update, transfer, members, admins, mutes, blocks, announcement, destroy', async () => {
    const g = e.admin.groups;
    const id = await g.create({ name: 'Team', owner: 'ada', members: ['bea'], description: 'd', public: true });
    expect(await g.get(id)).toMatchObject({ id, name: 'Team', owner: 'ada', description: 'd', affiliations_count: 2 });
    expect((await g.list()).items).toEqual([expect.objectContaining({ groupid: id, groupname: 'Team' })]);
    await g.update(id, { name: 'Team 2', maxUsers: 50, custom: 'x' });
    expect(await g.get(id)).toMatchObject({ name: 'Team 2', maxusers: 50, custom: 'x' });
    expect(await g.addMembers(id, ['cal', 'dee'])).toEqual(['cal', 'dee']);
    expect(await g.members(id)).toEqual({ owner: 'ada', members: ['bea', 'cal', 'dee'], total: 4 });
    await g.addAdmin(id, 'bea');
    expect(await g.admins(id)).toEqual(['bea']);
    await g.removeAdmin(id, 'bea');
    expect(await g.admins(id)).toEqual([]);
    expect(await g.mute(id, ['cal'], -1)).toEqual([{ user: 'cal', expire: -1 }]);
    expect((await g.muted(id)).map((m) => m.user)).toEqual(['cal']);
    expect(await g.unmute(id, ['cal'])).toEqual([{ user: 'cal', result: true }]);
    await g.muteAll(id);
    expect((await g.get(id)).mute).toBe(true);
    await g.muteAll(id, false);
    expect((await g.block(id, ['dee']))[0]).toMatchObject({ user: 'dee', result: true });
    expect(await g.blocked(id)).toEqual(['dee']);
    await g.unblock(id, ['dee']);
    expect(await g.blocked(id)).toEqual([]);
    expect((await g.removeMembers(id, ['cal']))[0]).toMatchObject({ user: 'cal', result: true });
    await g.setAnnouncement(id, 'hello all');
    expect(await g.announcement(id)).toBe('hello all');
    await g.transfer(id, 'bea');
    expect((await g.get(id)).owner).toBe('bea');
    expect(await g.joinedBy('ada')).toEqual([{ groupid: id, groupname: 'Team 2' }]);
    await g.destroy(id);
    expect(await failure(g.get(id))).toMatchObject({ type: 'GROUP_NOT_FOUND', code: 4020, status: 404 });
    expect(await failure(g.create({ name: 'X', owner: 'ghost' }))).toMatchObject({ type: 'USER_NOT_FOUND' });
  });
});

describe('chatrooms', () => {
  it('create, get, list, update, members, admins, mutes, blocks, announcement, super admins, destroy', async () => {
    const r = e.admin.chatrooms;
    const id = await r.create({ name: 'Lobby', owner: 'ada', members: ['bea'], maxUsers: 100 });
    expect(await r.get(id)).toMatchObject({ id, name: 'Lobby', owner: 'ada' });
    expect(await r.list()).toEqual([expect.objectContaining({ id, name: 'Lobby', owner: 'ada' })]);
    await r.update(id, { name: 'Lobby 2', description: 'all welcome' });
    expect(await r.get(id)).toMatchObject({ name: 'Lobby 2', description: 'all welcome' });
    expect(await r.addMembers(id, ['cal'])).toEqual(['cal']);
    expect(await r.joinedBy('cal')).toEqual([{ id, name: 'Lobby 2' }]);
    expect((await r.members(id)).owner).toBe('ada');
    expect((await r.members(id)).members).toEqual(expect.arrayContaining(['bea', 'cal']));
    await r.addAdmin(id, 'bea');
    expect(await r.admins(id)).toEqual(['bea']);
    await r.removeAdmin(id, 'bea');
    expect(await r.mute(id, ['cal'], 60_000)).toEqual([{ user: 'cal', expire: expect.any(Number) }]);
    expect((await r.muted(id)).map((m) => m.user)).toEqual(['cal']);
    await r.unmute(id, ['cal']);
    await r.muteAll(id);
    await r.muteAll(id, false);
    await r.block(id, ['cal']);
    expect(await r.blocked(id)).toEqual(['cal']);
    await r.unblock(id, ['cal']);
    await r.removeMembers(id, ['bea']);
    await r.setAnnouncement(id, 'rules');
    expect(await r.announcement(id)).toBe('rules');
    await r.addSuperAdmin('dee');
    expect(await r.superAdmins()).toEqual(['dee']);
    await r.removeSuperAdmin('dee');
    expect(await r.superAdmins()).toEqual([]);
    await r.destroy(id);
    expect(await failure(r.get(id))).toMatchObject({ type: 'CHATROOM_NOT_FOUND', code: 4021, status: 404 });
  });
});
