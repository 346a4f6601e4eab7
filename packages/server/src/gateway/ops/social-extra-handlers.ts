/** Pending invitations and allowlists, each one core call (spread into OP_HANDLERS). */
import type { SocialExtraOps } from '@pigeon/protocol';
import type { Core } from '../../core/index.js';
import type { Caller } from '../../core/types.js';

type Handler<Q> = (core: Core, caller: Caller, d: Q) => Promise<unknown>;
type Table<T> = { [K in keyof T]: Handler<T[K] extends { req: infer Q } ? Q : never> };

export const SOCIAL_EXTRA_HANDLERS: Table<SocialExtraOps> = {
  'group.pending': (core, c) => core.groups.pending.pending(c),
  'group.allow': (core, c, d) => core.groups.allowlist.allow(c, d),
  'group.disallow': (core, c, d) => core.groups.allowlist.disallow(c, d),
  'group.allowlist': (core, c, d) => core.groups.allowlist.list(c, d),
  'group.isAllowed': (core, c, d) => core.groups.allowlist.isAllowed(c, d),
  'room.allow': (core, c, d) => core.chatrooms.allowlist.allow(c, d),
  'room.disallow': (core, c, d) => core.chatrooms.allowlist.disallow(c, d),
  'room.allowlist': (core, c, d) => core.chatrooms.allowlist.list(c, d),
  'room.isAllowed': (core, c, d) => core.chatrooms.allowlist.isAllowed(c, d),
};
