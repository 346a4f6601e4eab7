/**
 * The Easemob SDK's conversation lists, backed by Pigeon's conversations (unread counts, last
 * message): getConversationlist (GET /{org}/{app}/users/{u}/user_channels[/page]) and
 * getServerConversations (GET /{org}/{app}/sdk/user/{u}/user_channels/list), and deleteConversation
 * (DELETE /{org}/{app}/user/{u}/user_channel). The user's own token or the app admin's.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { groupKey, singleKey, type ConversationInfo } from '@pigeon/protocol';
import { Type } from '@sinclair/typebox';
import type { Core } from '../../core/index.js';
import type { Caller } from '../../core/types.js';
import { envelope } from '../envelope.js';
import { ownerCaller } from '../owner.js';
import { bearerSecurity, Envelope, responses, UserParams } from '../schemas.js';
import { channelMeta } from './user-channel-meta.js';

const ALL_MAX = 100;

const PageQuery = Type.Object({
  pageNum: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: ALL_MAX })),
});

const ListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: ALL_MAX })),
  cursor: Type.Optional(Type.String({ maxLength: 512 })),
  is_top: Type.Optional(Type.Boolean({ description: 'Pinned conversations only (Pigeon pins none).' })),
  need_mark: Type.Optional(Type.Boolean()),
  needEmptySession: Type.Optional(Type.Boolean()),
});

const DeleteBody = Type.Object({
  channel: Type.String({ minLength: 1, maxLength: 256, description: 'Peer user name or group id.' }),
  type: Type.Union([Type.Literal('chat'), Type.Literal('groupChat'), Type.Literal('groupchat')]),
  delete_roam: Type.Optional(Type.Boolean()),
});

/** getConversationlist's entry: channel_id is Easemob's `<appKey>_<id>@<domain>`. */
function channelInfo(appKey: string, c: ConversationInfo) {
  const domain = c.chat === 'single' ? 'easemob.com' : 'conference.easemob.com';
  return { channel_id: `${appKey}_${c.peer}@${domain}`, meta: channelMeta(c.lastMessage), unread_num: c.unread };
}

/** getServerConversations' entry. */
function sessionInfo(c: ConversationInfo) {
  return {
    session_to: c.peer,
    session_type: c.chat === 'single' ? 'chat' : 'groupchat',
    is_top: false,
    update_top_status_time: 0,
    unread_num: c.unread,
    meta: channelMeta(c.lastMessage),
    marks: [],
  };
}

/** Page `pageNum` of `pageSize` conversations, most recent first (walking the core's cursor pages). */
async function pageOf(core: Core, caller: Caller, pageNum: number, pageSize: number): Promise<ConversationInfo[]> {
  let cursor: string | undefined;
  for (let n = 1; ; n++) {
    const page = await core.conversations.list(caller, { limit: pageSize, ...(cursor ? { cursor } : {}) });
    if (n === pageNum) return page.convs;
    if (!page.cursor) return [];
    cursor = page.cursor;
  }
}

export const userChannelRoutes: FastifyPluginAsyncTypebox<{ core: Core; publicUrl?: string }> = async (
  app,
  { core, publicUrl },
) => {
  const conversationList = {
    summary:
      "The user's conversations for the Easemob SDK: data { channel_infos: [{ channel_id, meta, unread_num }] }.",
    tags: ['conversations'],
    params: UserParams,
    querystring: PageQuery,
    response: responses(Envelope),
    security: bearerSecurity,
  };
  app.get('/:org/:app/users/:username/user_channels', { schema: conversationList }, async (req, reply) => {
    const caller = await ownerCaller(core, req, req.params);
    const convs = await pageOf(core, caller, 1, ALL_MAX);
    const data = { channel_infos: convs.map((c) => channelInfo(caller.app.appKey, c)) };
    return envelope(req, reply, caller.app, { data }, publicUrl);
  });
  app.get('/:org/:app/users/:username/user_channels/page', { schema: conversationList }, async (req, reply) => {
    const caller = await ownerCaller(core, req, req.params);
    const convs = await pageOf(core, caller, req.query.pageNum ?? 1, req.query.pageSize ?? 20);
    const data = { channel_infos: convs.map((c) => channelInfo(caller.app.appKey, c)) };
    return envelope(req, reply, caller.app, { data }, publicUrl);
  });

  app.get(
    '/:org/:app/sdk/user/:username/user_channels/list',
    {
      schema: {
        summary:
          "The user's conversations for the Easemob SDK's getServerConversations: data { cursor, channel_infos: [{ session_to, session_type, unread_num, meta }] }.",
        tags: ['conversations'],
        params: UserParams,
        querystring: ListQuery,
        response: responses(Envelope),
        security: bearerSecurity,
      },
    },
    async (req, reply) => {
      const caller = await ownerCaller(core, req, req.params);
      const q = req.query;
      const page = q.is_top
        ? { convs: [], cursor: null }
        : await core.conversations.list(caller, { limit: q.limit ?? 20, ...(q.cursor ? { cursor: q.cursor } : {}) });
      const data = { cursor: page.cursor ?? '', channel_infos: page.convs.map(sessionInfo) };
      return envelope(req, reply, caller.app, { data }, publicUrl);
    },
  );

  app.delete(
    '/:org/:app/user/:username/user_channel',
    {
      schema: {
        summary:
          "Deletes a conversation from the user's list (Easemob SDK deleteConversation); delete_roam drops its history.",
        tags: ['conversations'],
        params: UserParams,
        querystring: Type.Object({ resource: Type.Optional(Type.String({ maxLength: 256 })) }),
        body: DeleteBody,
        response: responses(Envelope),
        security: bearerSecurity,
      },
    },
    async (req, reply) => {
      const caller = await ownerCaller(core, req, req.params);
      const { channel, type, delete_roam } = req.body;
      const peer = channel.toLowerCase();
      const conv = type === 'chat' ? singleKey(caller.user, peer) : groupKey(peer);
      await core.conversations.delete(caller, { conv, deleteRoam: delete_roam ?? false });
      return envelope(req, reply, caller.app, { data: { result: 'ok' } }, publicUrl);
    },
  );
};
