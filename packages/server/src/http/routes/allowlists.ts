/**
 * /{org}/{app}/chatgroups/{id}/white/users and /chatrooms/{id}/white/users: the allowlists (members
 * who may speak while everyone is muted), with Easemob's envelopes (`add_user_whitelist`, ...).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { UserResult } from '@pigeon/protocol';
import { Type } from '@sinclair/typebox';
import type { Core } from '../../core/index.js';
import type { Caller } from '../../core/types.js';
import { adminCaller, idList, route, sender, Usernames } from '../social-rest.js';
import { TenantParams } from '../schemas.js';

type Kind = 'group' | 'room';
type Lists = {
  allow(c: Caller, id: string, users: string[]): Promise<{ results: UserResult[] }>;
  disallow(c: Caller, id: string, users: string[]): Promise<{ results: UserResult[] }>;
  list(c: Caller, id: string): Promise<{ users: string[] }>;
};

const User = { username: Type.String({ description: 'A user, or several: `u1,u2`.' }) };
// The same parameter names as the other chatgroups / chatrooms routes (one router tree).
const PARAMS = {
  group: Type.Object({ ...TenantParams.properties, group_id: Type.String() }),
  room: Type.Object({ ...TenantParams.properties, chatroom_id: Type.String() }),
};
type Params = { group_id?: string; chatroom_id?: string };
const idOf = (p: object): string => (p as Params).group_id ?? (p as Params).chatroom_id ?? '';
const ID_FIELD = { group: 'groupid', room: 'chatroomid' } as const;
const PATH = { group: 'chatgroups', room: 'chatrooms' } as const;

function lists(core: Core, kind: Kind): Lists {
  if (kind === 'group') {
    const g = core.groups.allowlist;
    return {
      allow: (c, groupId, users) => g.allow(c, { groupId, users }),
      disallow: (c, groupId, users) => g.disallow(c, { groupId, users }),
      list: (c, groupId) => g.list(c, { groupId }),
    };
  }
  const r = core.chatrooms.allowlist;
  return {
    allow: (c, roomId, users) => r.allow(c, { roomId, users }),
    disallow: (c, roomId, users) => r.disallow(c, { roomId, users }),
    list: (c, roomId) => r.list(c, { roomId }),
  };
}

/** One result for a single user in the path, an array for a list (Easemob's two forms). */
function perUser(kind: Kind, single: boolean, results: UserResult[], id: string, action: string) {
  const out = results.map((r) => ({
    result: r.result,
    action,
    user: r.user,
    [ID_FIELD[kind]]: id,
    ...(r.reason ? { reason: r.reason } : {}),
  }));
  return single && out.length === 1 ? out[0] : out;
}

export const allowlistRoutes: FastifyPluginAsyncTypebox<{ core: Core; publicUrl?: string }> = async (
  app,
  { core, publicUrl },
) => {
  const send = sender(publicUrl);
  for (const kind of ['group', 'room'] as const) {
    const tag = PATH[kind];
    const base = `/:org/:app/${PATH[kind]}/:${kind === 'group' ? 'group_id' : 'chatroom_id'}/white/users`;
    const P = PARAMS[kind];
    const PU = Type.Object({ ...P.properties, ...User });
    const l = lists(core, kind);

    app.get(base, route(tag, 'The allowlist: data [user].', P), async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      return send(req, reply, caller.app, (await l.list(caller, idOf(req.params))).users);
    });
    app.post(base, route(tag, 'Add users to the allowlist.', P, { body: Usernames }), async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      const { results } = await l.allow(caller, idOf(req.params), req.body.usernames);
      return send(req, reply, caller.app, perUser(kind, false, results, idOf(req.params), 'add_user_whitelist'));
    });
    app.post(`${base}/:username`, route(tag, 'Add one user to the allowlist.', PU), async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      const users = idList(req.params.username, '/username');
      const { results } = await l.allow(caller, idOf(req.params), users);
      const single = users.length === 1;
      return send(req, reply, caller.app, perUser(kind, single, results, idOf(req.params), 'add_user_whitelist'));
    });
    app.delete(
      `${base}/:username`,
      route(tag, 'Remove one user, or several (`u1,u2`), from the allowlist.', PU),
      async (req, reply) => {
        const caller = await adminCaller(core, req, req.params);
        const users = idList(req.params.username, '/username');
        const { results } = await l.disallow(caller, idOf(req.params), users);
        const single = users.length === 1;
        return send(req, reply, caller.app, perUser(kind, single, results, idOf(req.params), 'remove_user_whitelist'));
      },
    );
  }
};
