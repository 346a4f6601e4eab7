/** Members' custom attributes (Easemob setGroupMemberAttributes): shared with the whole group. */
import { PigeonError, type OpReply, type OpRequest } from '@pigeon/protocol';
import { requireRank } from '../social/roles.js';
import type { Caller } from '../types.js';
import { normalizeUsername } from '../users/usernames.js';
import type { GroupContext } from './group-context.js';
import { rankIn } from './group-state.js';

const MAX_KEYS = 100;
const MAX_KEY = 64;
const MAX_VALUE = 1024;

function checkAttrs(attrs: unknown): Record<string, string> {
  const bad = (m: string) => new PigeonError('BAD_REQUEST', m, { details: { path: '/attrs' } });
  if (typeof attrs !== 'object' || attrs === null || Array.isArray(attrs))
    throw bad('attrs must be an object of strings.');
  for (const [k, v] of Object.entries(attrs))
    if (!k || k.length > MAX_KEY || typeof v !== 'string' || v.length > MAX_VALUE)
      throw bad(`Each attribute is a key of 1-${MAX_KEY} characters with a string value of at most ${MAX_VALUE}.`);
  return attrs as Record<string, string>;
}

export class GroupAttributes {
  readonly #c: GroupContext;

  constructor(c: GroupContext) {
    this.#c = c;
  }

  /** Your own, or anyone's for the owner and admins; an empty value deletes the key. */
  async set(caller: Caller, req: OpRequest<'group.setMemberAttrs'>): Promise<OpReply<'group.setMemberAttrs'>> {
    const c = this.#c;
    const user = normalizeUsername(req.user, '/user');
    const patch = checkAttrs(req.attrs);
    return c.mutate(caller, req.groupId, async (s) => {
      requireRank(rankIn(s, caller), user === caller.user ? 'member' : 'admin', "set another member's attributes");
      const m = s.members.get(user);
      if (!m) throw new PigeonError('NOT_A_MEMBER', `${user} is not a member of the group.`, { details: { user } });
      const attrs = { ...m.attrs, ...patch };
      for (const [k, v] of Object.entries(patch)) if (v === '') delete attrs[k];
      if (Object.keys(attrs).length > MAX_KEYS)
        throw new PigeonError('BAD_REQUEST', `A member holds at most ${MAX_KEYS} attributes.`, {
          details: { path: '/attrs' },
        });
      await c.repos.groupMembers.update(caller.app.id, req.groupId, user, { attrs });
      c.changed(caller, req.groupId);
      c.notify(caller, s.names, { op: 'memberAttributesUpdate', id: req.groupId, userId: user, attributes: patch });
      return {};
    });
  }

  async get(caller: Caller, req: OpRequest<'group.memberAttrs'>): Promise<OpReply<'group.memberAttrs'>> {
    const s = await this.#c.state(caller, req.groupId);
    requireRank(rankIn(s, caller), 'member', 'read member attributes');
    const keys = req.keys?.length ? new Set(req.keys) : undefined;
    const attrs: Record<string, Record<string, string>> = {};
    for (const name of req.users) {
      const user = normalizeUsername(name, '/users');
      const all = s.members.get(user)?.attrs ?? {};
      attrs[user] = keys ? Object.fromEntries(Object.entries(all).filter(([k]) => keys.has(k))) : { ...all };
    }
    return { attrs };
  }
}
