/**
 * POST /{org}/{app}/users/{username}/messageroaming: the Easemob / Agora Web SDK's getHistoryMessages.
 * The user's own conversation history, newest first, each message as the base64 msync Meta the SDK
 * decodes (the same bytes a live delivery carries).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { groupKey, singleKey } from '@pigeon/protocol';
import { Type } from '@sinclair/typebox';
import type { Core } from '../../core/index.js';
import { envelope } from '../envelope.js';
import { ownerCaller } from '../owner.js';
import { bearerSecurity, Envelope, responses, UserParams } from '../schemas.js';

const Roaming = Type.Object({
  queue: Type.String({ minLength: 1, description: '<peer>@easemob.com or <groupId>@conference.easemob.com.' }),
  start: Type.Optional(Type.Union([Type.String(), Type.Integer()], { description: 'next_key of the previous page.' })),
  pull_number: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});

export const messageRoamingRoutes: FastifyPluginAsyncTypebox<{ core: Core; publicUrl?: string }> = async (
  app,
  { core, publicUrl },
) => {
  app.post(
    '/:org/:app/users/:username/messageroaming',
    {
      schema: {
        summary:
          "A conversation's history for the Easemob SDK: data { msgs: [{ msg: base64 Meta }], next_key, is_last }.",
        tags: ['messages'],
        params: UserParams,
        body: Roaming,
        response: responses(Envelope),
        security: bearerSecurity,
      },
    },
    async (req, reply) => {
      const caller = await ownerCaller(core, req, req.params);
      const [name = '', domain = ''] = req.body.queue.toLowerCase().split('@');
      const conv = domain.startsWith('conference') ? groupKey(name) : singleKey(caller.user, name);
      const start = Number(req.body.start ?? -1);
      const page = await core.messages.history(caller, {
        conv,
        ...(start > 0 ? { beforeSeq: start } : {}),
        limit: req.body.pull_number ?? 20,
      });
      // The msync codec loads on first use (see gateway/msync/lazy-msync.ts).
      const [{ encode, T }, { messageMeta }] = await Promise.all([
        import('../../gateway/msync/codec.js'),
        import('../../gateway/msync/delivery.js'),
      ]);
      const msgs = page.msgs
        .filter((m) => !m.recalled)
        .map((m) => ({ msg: Buffer.from(encode(T.Meta, messageMeta(caller.app.appKey, m))).toString('base64') }));
      const data = { msgs, next_key: page.cursor === null ? '' : String(page.cursor), is_last: page.cursor === null };
      return envelope(req, reply, caller.app, { data }, publicUrl);
    },
  );
};
