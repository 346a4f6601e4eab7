/** The group services, wired on one shared context (member cache, lock, notifier). */
import type { Bus } from '../ports/bus.js';
import { GroupAllowlist } from './group-allowlist.js';
import { GroupAttributes } from './group-attributes.js';
import { GroupContext, type GroupDeps } from './group-context.js';
import { GroupMembership } from './group-membership.js';
import { GroupMessages } from './group-messages.js';
import { GroupPending } from './group-pending.js';
import { GroupModeration } from './group-moderation.js';
import { GroupRemoval } from './group-removal.js';
import { GroupService } from './group-service.js';
import { GroupDirectory } from './group-state.js';

export interface Groups {
  readonly service: GroupService;
  readonly membership: GroupMembership;
  readonly removal: GroupRemoval;
  readonly moderation: GroupModeration;
  readonly attributes: GroupAttributes;
  readonly messages: GroupMessages;
  readonly pending: GroupPending;
  readonly allowlist: GroupAllowlist;
  readonly directory: GroupDirectory;
}

export function createGroups(deps: GroupDeps & { bus: Bus }): Groups {
  const directory = new GroupDirectory(deps.repos, deps.bus, deps.limits.cacheSize);
  const c = new GroupContext(deps, directory);
  return Object.freeze({
    service: new GroupService(c),
    membership: new GroupMembership(c),
    removal: new GroupRemoval(c),
    moderation: new GroupModeration(c),
    attributes: new GroupAttributes(c),
    messages: new GroupMessages(c),
    pending: new GroupPending(c),
    allowlist: new GroupAllowlist(c),
    directory,
  });
}

export type { GroupLimits } from './group-context.js';
