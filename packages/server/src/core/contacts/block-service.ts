/** A user's block list: blocked users' 1:1 messages and friend requests to them are refused (BLOCKED). */
import { CONTACT_LIMITS, PigeonError, type OpReply, type OpRequest } from '@pigeon/protocol';
import type { Clock } from '../ports/clock.js';
import type { RelationRepository } from '../ports/relations.js';
import type { UserRepository } from '../ports/users.js';
import type { Caller } from '../types.js';
import { normalizeUsername } from '../users/usernames.js';
import { existingPeers } from './peers.js';

export interface BlockServiceDeps {
  users: UserRepository;
  relations: RelationRepository;
  clock: Clock;
}

export class BlockService {
  readonly #d: BlockServiceDeps;

  constructor(deps: BlockServiceDeps) {
    this.#d = deps;
  }

  /** Blocking keeps a friendship (as Easemob): the friend stays listed but cannot message the blocker. */
  async add(caller: Caller, req: OpRequest<'block.add'>, path = '/users'): Promise<OpReply<'block.add'>> {
    const users = await existingPeers(this.#d.users, caller, req.users, path);
    const { relations } = this.#d;
    const fresh = [];
    for (const u of users) if (!(await relations.has(caller.app.id, caller.user, u, 'block'))) fresh.push(u);
    const n = await relations.count(caller.app.id, caller.user, 'block');
    if (n + fresh.length > CONTACT_LIMITS.blocksPerUser)
      throw new PigeonError('LIMIT_EXCEEDED', `A block list holds at most ${CONTACT_LIMITS.blocksPerUser} users.`, {
        details: { limit: CONTACT_LIMITS.blocksPerUser },
      });
    const now = this.#d.clock.now();
    for (const u of fresh) await relations.add(caller.app.id, caller.user, u, 'block', now);
    return { users };
  }

  async remove(caller: Caller, req: OpRequest<'block.remove'>, path = '/users'): Promise<OpReply<'block.remove'>> {
    const users = [...new Set(req.users.map((n, i) => normalizeUsername(n, `${path}/${i}`)))];
    for (const u of users) await this.#d.relations.remove(caller.app.id, caller.user, u, 'block');
    return { users };
  }

  async list(caller: Caller): Promise<OpReply<'block.list'>> {
    const rows = await this.#d.relations.list(
      caller.app.id,
      caller.user,
      'block',
      undefined,
      CONTACT_LIMITS.blocksPerUser,
    );
    return { users: rows.map((r) => r.peer) };
  }
}
