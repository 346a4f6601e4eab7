/** Request schemas of the pending-invitation and allowlist ops (spread into OP_SCHEMAS). */
import type { SocialExtraOps } from '@pigeon/protocol';
import { Type, type TSchema } from '@sinclair/typebox';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const User = Type.String({ minLength: 1, maxLength: 64 });
const Users = Type.Array(User, { minItems: 1, maxItems: 100 });
const g = (extra: Record<string, TSchema> = {}) => Type.Object({ groupId: Id, ...extra });
const r = (extra: Record<string, TSchema> = {}) => Type.Object({ roomId: Id, ...extra });

export const SOCIAL_EXTRA_OP_SCHEMAS: Record<keyof SocialExtraOps, TSchema> = {
  'group.pending': Type.Union([Type.Object({}), Type.Undefined()]),
  'group.allow': g({ users: Users }),
  'group.disallow': g({ users: Users }),
  'group.allowlist': g(),
  'group.isAllowed': g({ user: User }),
  'room.allow': r({ users: Users }),
  'room.disallow': r({ users: Users }),
  'room.allowlist': r(),
  'room.isAllowed': r({ user: User }),
  // Keys and values are checked in depth by the core (typed errors naming the key).
  'room.attrs': r({ keys: Type.Optional(Type.Array(Type.String({ maxLength: 128 }), { maxItems: 20 })) }),
  'room.setAttrs': r({
    attrs: Type.Record(Type.String(), Type.String({ maxLength: 4096 })),
    force: Type.Optional(Type.Boolean()),
  }),
  'room.removeAttrs': r({
    keys: Type.Array(Type.String({ maxLength: 128 }), { maxItems: 20 }),
    force: Type.Optional(Type.Boolean()),
  }),
};
