/** Request schemas of the group and chatroom ops (spread into OP_SCHEMAS). */
import type { ChatroomOps, GroupOps } from '@pigeon/protocol';
import { Type, type TSchema } from '@sinclair/typebox';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const User = Type.String({ minLength: 1, maxLength: 64 });
const Users = Type.Array(User, { minItems: 1, maxItems: 500 });
const Page = {
  pageNum: Type.Optional(Type.Integer({ minimum: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1 })),
};
const Text = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const Bool = Type.Optional(Type.Boolean());
const MaxUsers = Type.Optional(Type.Integer({ minimum: 1 }));
const Duration = Type.Integer({ minimum: -1 });
const G = { groupId: Id };
const R = { roomId: Id };
const g = (extra: Record<string, TSchema> = {}) => Type.Object({ ...G, ...extra });
const r = (extra: Record<string, TSchema> = {}) => Type.Object({ ...R, ...extra });

const GroupFields = {
  description: Text(512),
  avatar: Text(1024),
  ext: Text(8192),
  public: Bool,
  approval: Bool,
  allowInvites: Bool,
  inviteNeedConfirm: Bool,
  maxUsers: MaxUsers,
};

export const GROUP_OP_SCHEMAS: Record<keyof GroupOps, TSchema> = {
  'group.create': Type.Object({
    name: Type.String({ minLength: 1, maxLength: 128 }),
    ...GroupFields,
    members: Type.Optional(Type.Array(User, { maxItems: 1000 })),
  }),
  'group.info': Type.Object({ groupIds: Type.Array(Id, { minItems: 1, maxItems: 100 }) }),
  'group.modify': g({ name: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })), ...GroupFields }),
  'group.destroy': g(),
  'group.transfer': g({ newOwner: User }),
  'group.joined': Type.Object(Page),
  'group.public': Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1 })), cursor: Text(64) }),
  'group.members': g(Page),
  'group.join': g({ message: Text(512) }),
  'group.leave': g(),
  'group.invite': g({ users: Users, reason: Text(512) }),
  'group.acceptInvite': g(),
  'group.rejectInvite': g({ reason: Text(512) }),
  'group.acceptRequest': g({ applicant: User }),
  'group.rejectRequest': g({ applicant: User, reason: Text(512) }),
  'group.remove': g({ users: Users }),
  'group.setAdmin': g({ user: User }),
  'group.removeAdmin': g({ user: User }),
  'group.admins': g(),
  'group.mute': g({ users: Users, durationMs: Duration }),
  'group.unmute': g({ users: Users }),
  'group.muteList': g(),
  'group.muteAll': g({ mute: Type.Boolean() }),
  'group.block': g({ users: Users }),
  'group.unblock': g({ users: Users }),
  'group.blocklist': g(),
  'group.announcement': g(),
  'group.setAnnouncement': g({ announcement: Type.String({ maxLength: 4096 }) }),
  'group.setMemberAttrs': g({ user: User, attrs: Type.Record(Type.String(), Type.String()) }),
  'group.memberAttrs': g({ users: Users, keys: Type.Optional(Type.Array(Type.String(), { maxItems: 100 })) }),
  'group.readers': g({ msgId: Id }),
};

export const CHATROOM_OP_SCHEMAS: Record<keyof ChatroomOps, TSchema> = {
  'room.create': Type.Object({
    name: Type.String({ minLength: 1, maxLength: 128 }),
    description: Text(512),
    maxUsers: MaxUsers,
    ext: Text(8192),
    members: Type.Optional(Type.Array(User, { maxItems: 1000 })),
  }),
  'room.list': Type.Object(Page),
  'room.info': r(),
  'room.modify': r({
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    description: Text(512),
    maxUsers: MaxUsers,
    ext: Text(8192),
  }),
  'room.destroy': r(),
  'room.join': r({ ext: Text(1024) }),
  'room.leave': r(),
  'room.joined': Type.Object(Page),
  'room.members': r(Page),
  'room.remove': r({ users: Users }),
  'room.admins': r(),
  'room.setAdmin': r({ user: User }),
  'room.removeAdmin': r({ user: User }),
  'room.mute': r({ users: Users, durationMs: Duration }),
  'room.unmute': r({ users: Users }),
  'room.muteList': r(),
  'room.muteAll': r({ mute: Type.Boolean() }),
  'room.block': r({ users: Users }),
  'room.unblock': r({ users: Users }),
  'room.blocklist': r(),
  'room.announcement': r(),
  'room.setAnnouncement': r({ announcement: Type.String({ maxLength: 4096 }) }),
};
