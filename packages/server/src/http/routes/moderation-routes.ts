/**
 * /{org}/{app}/chatgroups/{id}/… and /chatrooms/{id}/…: mute, ban (everyone) and announcement. Groups and
 * rooms share the REST shape; each kind maps it onto its own moderation service.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { MuteEntry, UserResult } from '@pigeon/protocol';
import { Type } from '@sinclair/typebox';
import type { Core } from '../../core/index.js';
import type { Caller } from '../../core/types.js';
import { adminCaller, idList, route, sender } from '../social-rest.js';
import { TenantParams } from '../schemas.js';

const MuteBody = Type.Object({
  usernames: Type.Array(Type.String(), { minItems: 1, maxItems: 500 }),
  mute_duration: Type.Integer({ minimum: -1, description: 'ms; -1 until unmuted.' }),
});
const AnnouncementBody = Type.Object({ announcement: Type.String({ maxLength: 4096 }) });

/** One kind's moderation calls, keyed by the group or room id. */
interface Moderation {
  mute(c: Caller, id: string, users: string[], durationMs: number): Promise<{ muted: MuteEntry[] }>;
  unmute(c: Caller, id: string, users: string[]): Promise<{ results: UserResult[] }>;
  muteList(c: Caller, id: string): Promise<{ muted: MuteEntry[] }>;
  muteAll(c: Caller, id: string, mute: boolean): Promise<unknown>;
  announcement(c: Caller, id: string): Promise<unknown>;
  setAnnouncement(c: Caller, id: string, announcement: string): Promise<unknown>;
}

interface Kind {
  tag: 'chatgroups' | 'chatrooms';
  param: 'group_id' | 'chatroom_id';
  of(core: Core): Moderation;
}

const groups: Kind = {
  tag: 'chatgroups',
  param: 'group_id',
  of: ({ groups: { moderation: m } }) => ({
    mute: (c, groupId, users, durationMs) => m.mute(c, { groupId, users, durationMs }),
    unmute: (c, groupId, users) => m.unmute(c, { groupId, users }),
    muteList: (c, groupId) => m.muteList(c, { groupId }),
    muteAll: (c, groupId, mute) => m.muteAll(c, { groupId, mute }),
    announcement: (c, groupId) => m.announcement(c, { groupId }),
    setAnnouncement: (c, groupId, announcement) => m.setAnnouncement(c, { groupId, announcement }),
  }),
};

const rooms: Kind = {
  tag: 'chatrooms',
  param: 'chatroom_id',
  of: ({ chatrooms: { moderation: m } }) => ({
    mute: (c, roomId, users, durationMs) => m.mute(c, { roomId, users, durationMs }),
    unmute: (c, roomId, users) => m.unmute(c, { roomId, users }),
    muteList: (c, roomId) => m.muteList(c, { roomId }),
    muteAll: (c, roomId, mute) => m.muteAll(c, { roomId, mute }),
    announcement: (c, roomId) => m.announcement(c, { roomId }),
    setAnnouncement: (c, roomId, announcement) => m.setAnnouncement(c, { roomId, announcement }),
  }),
};

function moderationRoutes(kind: Kind): FastifyPluginAsyncTypebox<{ core: Core; publicUrl?: string }> {
  const { tag, param } = kind;
  const base = `/:org/:app/${tag}/:${param}`;
  const P = Type.Object({ ...TenantParams.properties, [param]: Type.String() });
  const PU = Type.Object({ ...P.properties, username: Type.String({ description: 'A user, or several: `u1,u2`.' }) });
  const idOf = (params: object): string => (params as Record<string, string>)[param]!;
  return async (app, { core, publicUrl }) => {
    const send = sender(publicUrl);
    const m = kind.of(core);

    app.post(
      `${base}/mute`,
      route(tag, 'Mute members for mute_duration ms: data [{ result, expire, user }].', P, { body: MuteBody }),
      async (req, reply) => {
        const caller = await adminCaller(core, req, req.params);
        const { muted } = await m.mute(caller, idOf(req.params), req.body.usernames, req.body.mute_duration);
        return send(
          req,
          reply,
          caller.app,
          muted.map((e) => ({ result: true, expire: e.expire, user: e.user })),
        );
      },
    );

    app.delete(`${base}/mute/:username`, route(tag, 'Unmute members (`u1,u2`).', PU), async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      const { results } = await m.unmute(caller, idOf(req.params), idList(req.params.username, '/username'));
      return send(
        req,
        reply,
        caller.app,
        results.map((r) => ({ result: r.result, user: r.user })),
      );
    });

    app.get(`${base}/mute`, route(tag, 'Muted members: data [{ expire, user }].', P), async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      return send(req, reply, caller.app, (await m.muteList(caller, idOf(req.params))).muted);
    });

    app.post(`${base}/ban`, route(tag, 'Mute everyone but the owner and admins.', P), async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      return send(req, reply, caller.app, await m.muteAll(caller, idOf(req.params), true));
    });

    app.delete(`${base}/ban`, route(tag, 'Lift the mute of everyone.', P), async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      return send(req, reply, caller.app, await m.muteAll(caller, idOf(req.params), false));
    });

    app.get(`${base}/announcement`, route(tag, 'The announcement: data { announcement }.', P), async (req, reply) => {
      const caller = await adminCaller(core, req, req.params);
      return send(req, reply, caller.app, await m.announcement(caller, idOf(req.params)));
    });

    app.post(
      `${base}/announcement`,
      route(tag, 'Set the announcement (empty deletes it).', P, { body: AnnouncementBody }),
      async (req, reply) => {
        const caller = await adminCaller(core, req, req.params);
        await m.setAnnouncement(caller, idOf(req.params), req.body.announcement);
        return send(req, reply, caller.app, { id: idOf(req.params), result: true });
      },
    );
  };
}

export const chatgroupModerationRoutes = moderationRoutes(groups);
export const chatroomModerationRoutes = moderationRoutes(rooms);
