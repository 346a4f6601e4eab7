/** Request schemas of the contacts, block list, profile and presence ops (spread into OP_SCHEMAS). */
import { CONTACT_LIMITS, PRESENCE_LIMITS, PROFILE_LIMITS, type ContactsOps } from '@pigeon/protocol';
import { Type, type TSchema } from '@sinclair/typebox';

// Names are checked in depth by the core (normalizeUsername), with the same errors as REST.
const User = Type.String({ minLength: 1, maxLength: 64 });
const Users = (max: number) => Type.Array(User, { minItems: 1, maxItems: max });
const Limit = Type.Integer({ minimum: 1 });
const None = Type.Union([Type.Undefined(), Type.Object({})]);

export const CONTACTS_OP_SCHEMAS: Record<keyof ContactsOps, TSchema> = {
  'contact.add': Type.Object({
    user: User,
    message: Type.Optional(Type.String({ maxLength: CONTACT_LIMITS.messageChars })),
  }),
  'contact.accept': Type.Object({ user: User }),
  'contact.decline': Type.Object({ user: User }),
  'contact.delete': Type.Object({ user: User }),
  'contact.list': Type.Object({ cursor: Type.Optional(Type.String({ maxLength: 64 })), limit: Type.Optional(Limit) }),
  'contact.remark': Type.Object({ user: User, remark: Type.String({ maxLength: CONTACT_LIMITS.remarkChars }) }),
  'contact.sync': Type.Object({ afterSeq: Type.Optional(Type.Integer({ minimum: 0 })), limit: Type.Optional(Limit) }),
  'block.add': Type.Object({ users: Users(CONTACT_LIMITS.usersPerCall) }),
  'block.remove': Type.Object({ users: Users(CONTACT_LIMITS.usersPerCall) }),
  'block.list': None,
  'profile.update': Type.Object({ attrs: Type.Record(Type.String(), Type.String()) }),
  'profile.get': Type.Object({
    users: Users(PROFILE_LIMITS.usersPerFetch),
    keys: Type.Optional(Type.Array(Type.String({ maxLength: PROFILE_LIMITS.keyChars }), { maxItems: 50 })),
  }),
  'presence.publish': Type.Object({ ext: Type.String({ maxLength: 1024 }) }),
  'presence.subscribe': Type.Object({
    users: Users(PRESENCE_LIMITS.usersPerCall),
    expiry: Type.Integer({ minimum: 1, maximum: PRESENCE_LIMITS.maxExpirySeconds }),
  }),
  'presence.unsubscribe': Type.Object({ users: Users(PRESENCE_LIMITS.usersPerCall) }),
  'presence.subscriptions': Type.Object({
    page: Type.Optional(Type.Integer({ minimum: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  }),
  'presence.get': Type.Object({ users: Users(PRESENCE_LIMITS.usersPerCall) }),
};
