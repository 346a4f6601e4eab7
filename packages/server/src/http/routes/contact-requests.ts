/**
 * Friend requests as the Easemob / Agora Web SDKs send them (addContact, acceptContactInvite,
 * declineContactInvite) with the user's own token: the same core calls as the SDK ops contact.*.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from '@sinclair/typebox';
import type { Core } from '../../core/index.js';
import { envelope } from '../envelope.js';
import { ownerCaller } from '../owner.js';
import { bearerSecurity, Envelope, responses, UserParams } from '../schemas.js';

const FriendParams = Type.Object({ ...UserParams.properties, friend: Type.String({ description: 'The other user.' }) });
const Apply = Type.Object({
  usernames: Type.Array(Type.String(), { minItems: 1, maxItems: 1 }),
  reason: Type.Optional(Type.String({ maxLength: 512 })),
});
const schema = <P extends TSchema>(summary: string, params: P, body?: TSchema) => ({
  summary,
  tags: ['contacts'],
  params,
  ...(body ? { body } : {}),
  response: responses(Envelope),
  security: bearerSecurity,
});

export const contactRequestRoutes: FastifyPluginAsyncTypebox<{ core: Core; publicUrl?: string }> = async (
  app,
  { core, publicUrl },
) => {
  app.post(
    '/:org/:app/users/:username/contacts/apply',
    { schema: schema('Ask `usernames[0]` to be friends (`reason`): they get onContactInvited.', UserParams, Apply) },
    async (req, reply) => {
      const caller = await ownerCaller(core, req, req.params);
      const body = req.body as { usernames: string[]; reason?: string };
      await core.contacts.request(caller, {
        user: body.usernames[0]!,
        ...(body.reason ? { message: body.reason } : {}),
      });
      return envelope(req, reply, caller.app, { data: { result: true } }, publicUrl);
    },
  );

  for (const [verb, summary] of [
    ['accept', 'Accept the request of `friend`: they get onContactAgreed, both get onContactAdded.'],
    ['decline', 'Decline the request of `friend`: they get onContactRefuse.'],
  ] as const)
    app.post(
      `/:org/:app/users/:username/contacts/${verb}/users/:friend`,
      { schema: schema(summary, FriendParams) },
      async (req, reply) => {
        const caller = await ownerCaller(core, req, req.params);
        const user = (req.params as { friend: string }).friend;
        await (verb === 'accept' ? core.contacts.accept(caller, { user }) : core.contacts.decline(caller, { user }));
        return envelope(req, reply, caller.app, { data: { result: true } }, publicUrl);
      },
    );
};
