/** Contacts and block lists for the app's backend: Easemob's paths and envelopes. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CONTACT_LIMITS } from '@pigeon/protocol';
import { Type, type TSchema } from '@sinclair/typebox';
import type { Core } from '../../core/index.js';
import { envelope } from '../envelope.js';
import { ownerCaller } from '../owner.js';
import { bearerSecurity, Envelope, responses, UserParams } from '../schemas.js';
import { userEntity } from '../user-entity.js';

const FriendParams = Type.Object({ ...UserParams.properties, friend: Type.String({ description: 'The friend.' }) });
const BlockedParams = Type.Object({
  ...UserParams.properties,
  blocked: Type.String({ description: 'The blocked user.' }),
});
const schema = <P extends TSchema = typeof UserParams>(summary: string, params: P = UserParams as unknown as P) => ({
  summary,
  tags: ['contacts'],
  params,
  response: responses(Envelope),
  security: bearerSecurity,
});

export const contactRoutes: FastifyPluginAsyncTypebox<{ core: Core; publicUrl?: string }> = async (
  app,
  { core, publicUrl },
) => {
  app.post(
    '/:org/:app/users/:username/contacts/users/:friend',
    {
      schema: schema('Make two users friends, both ways at once (admin token); both get onContactAdded.', FriendParams),
    },
    async (req, reply) => {
      const caller = await ownerCaller(core, req, req.params, { adminOnly: true });
      const friend = await core.users.get(caller.app, await core.contacts.bind(caller, req.params.friend));
      return envelope(req, reply, caller.app, { entities: [userEntity(friend)] }, publicUrl);
    },
  );

  app.delete(
    '/:org/:app/users/:username/contacts/users/:friend',
    { schema: schema('End a friendship, both ways; both get onContactDeleted.', FriendParams) },
    async (req, reply) => {
      const caller = await ownerCaller(core, req, req.params);
      const friend = await core.users.get(caller.app, await core.contacts.unbind(caller, req.params.friend));
      return envelope(req, reply, caller.app, { entities: [userEntity(friend)] }, publicUrl);
    },
  );

  app.get(
    '/:org/:app/users/:username/contacts/users',
    { schema: schema(`The user's friends, by name (at most ${CONTACT_LIMITS.contactsPerUser}).`) },
    async (req, reply) => {
      const caller = await ownerCaller(core, req, req.params);
      const data = await core.contacts.names(caller);
      return envelope(req, reply, caller.app, { entities: [], data, count: data.length }, publicUrl);
    },
  );

  app.get(
    '/:org/:app/user/:username/contacts',
    {
      schema: {
        ...schema('Friends page by page, with remarks when needReturnRemark=true.'),
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: CONTACT_LIMITS.pageMax, default: 10 })),
          cursor: Type.Optional(Type.String({ maxLength: 64 })),
          needReturnRemark: Type.Optional(Type.Boolean()),
        }),
      },
    },
    async (req, reply) => {
      const caller = await ownerCaller(core, req, req.params);
      const q = req.query;
      const page = await core.contacts.list(caller, {
        limit: q.limit ?? 10,
        ...(q.cursor ? { cursor: q.cursor } : {}),
      });
      const contacts = page.contacts.map((c) =>
        q.needReturnRemark ? { username: c.user, remark: c.remark || null } : { username: c.user },
      );
      const more = page.cursor ? { cursor: page.cursor } : {};
      return envelope(
        req,
        reply,
        caller.app,
        { entities: [], data: { contacts, ...more }, count: contacts.length },
        publicUrl,
      );
    },
  );

  app.post(
    '/:org/:app/users/:username/blocks/users',
    {
      schema: {
        ...schema(`Block users (at most ${CONTACT_LIMITS.blocksPerUser}); their 1:1 messages get BLOCKED.`),
        body: Type.Object({
          usernames: Type.Array(Type.String(), { minItems: 1, maxItems: CONTACT_LIMITS.usersPerCall }),
        }),
      },
    },
    async (req, reply) => {
      const caller = await ownerCaller(core, req, req.params);
      const { users } = await core.blocks.add(caller, { users: req.body.usernames }, '/usernames');
      return envelope(req, reply, caller.app, { entities: [], data: users }, publicUrl);
    },
  );

  app.get(
    '/:org/:app/users/:username/blocks/users',
    {
      schema: {
        ...schema('The block list, by name, paged with pageSize and cursor.'),
        querystring: Type.Object({
          pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: CONTACT_LIMITS.blocksPerUser })),
          cursor: Type.Optional(Type.String({ maxLength: 64 })),
        }),
      },
    },
    async (req, reply) => {
      const caller = await ownerCaller(core, req, req.params);
      const all = (await core.blocks.list(caller)).users;
      const start = req.query.cursor ? all.findIndex((u) => u > req.query.cursor!) : 0;
      const size = req.query.pageSize ?? CONTACT_LIMITS.blocksPerUser;
      const data = start < 0 ? [] : all.slice(start, start + size);
      const more = start >= 0 && start + size < all.length ? { cursor: data[data.length - 1] } : {};
      return envelope(req, reply, caller.app, { entities: [], data, count: data.length, ...more }, publicUrl);
    },
  );

  app.delete(
    '/:org/:app/users/:username/blocks/users/:blocked',
    { schema: schema('Unblock a user.', BlockedParams) },
    async (req, reply) => {
      const caller = await ownerCaller(core, req, req.params);
      const blocked = await core.users.get(caller.app, req.params.blocked);
      await core.blocks.remove(caller, { users: [blocked.username] });
      return envelope(req, reply, caller.app, { entities: [userEntity(blocked)] }, publicUrl);
    },
  );
};
