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
};
