/**
 * When the app deletes a user (REST DELETE /users/{name}), groups and chatrooms let go of them as
 * Easemob does: the groups and chatrooms they own are destroyed (members get `destroy`), they leave
 * every other group (members get `memberAbsence`) and every chatroom they are in, and their requests,
 * invitations, list entries and super admin role are dropped. Runs before the user record is deleted.
 */
import type { Chatrooms } from '../chatrooms/index.js';
import type { Groups } from '../groups/index.js';
import type { SocialUserRepository } from '../ports/social-users.js';
import type { App, Caller } from '../types.js';

export interface UserDepartureDeps {
  repo: SocialUserRepository;
  groups: Groups;
  chatrooms: Chatrooms;
}

export class UserDeparture {
  readonly #d: UserDepartureDeps;

  constructor(deps: UserDepartureDeps) {
    this.#d = deps;
  }

  async run(app: App, user: string): Promise<void> {
    const admin: Caller = { app, user: 'admin', admin: true };
    await this.#groups(admin, user);
    await this.#rooms(admin, user);
    await this.#d.repo.forget(app.id, user);
  }

  async #groups(admin: Caller, user: string): Promise<void> {
    const { repo, groups } = this.#d;
    const owned = new Set(await repo.ownedGroups(admin.app.id, user));
    for (const groupId of owned) await groups.service.destroy(admin, { groupId });
    for (const groupId of await repo.memberOf(admin.app.id, user))
      if (!owned.has(groupId)) await groups.removal.remove(admin, { groupId, users: [user] });
  }

  async #rooms(admin: Caller, user: string): Promise<void> {
    const { repo, chatrooms } = this.#d;
    const owned = new Set(await repo.ownedRooms(admin.app.id, user));
    for (const roomId of owned) await chatrooms.service.destroy(admin, { roomId });
    for (const roomId of chatrooms.live.roomsOf(admin.app.id, user))
      if (!owned.has(roomId)) await chatrooms.membership.remove(admin, { roomId, users: [user] });
    // Through the services, so each room's cached lists are dropped and its admins told.
    for (const { roomId, kind } of await repo.roomLists(admin.app.id, user)) {
      if (owned.has(roomId)) continue;
      const one = { roomId, users: [user] };
      if (kind === 'admin') await chatrooms.moderation.removeAdmin(admin, { roomId, user });
      else if (kind === 'mute') await chatrooms.moderation.unmute(admin, one);
      else if (kind === 'block') await chatrooms.membership.unblock(admin, one);
      else if (kind === 'allow') await chatrooms.allowlist.disallow(admin, one);
    }
  }
}
