/** The group services, wired on one shared context (member cache, lock, notifier). */
import type { Bus } from '../ports/bus.js';
import { GroupAttributes } from './group-attributes.js';
import { GroupContext, type GroupDeps } from './group-context.js';
import { GroupMembership } from './group-membership.js';
import { GroupMessages } from './group-messages.js';
import { GroupModeration } from './group-moderation.js';
import { GroupService } from './group-service.js';
import { GroupDirectory } from './group-state.js';

export interface Groups {
  readonly service: GroupService;
  readonly membership: GroupMembership;
  readonly moderation: GroupModeration;
  readonly attributes: GroupAttributes;
  readonly messages: GroupMessages;
  readonly directory: GroupDirectory;
}

export function createGroups(deps: GroupDeps & { bus: Bus }): Groups {
  const directory = new GroupDirectory(deps.repos, deps.bus, deps.limits.cacheSize);
  const c = new GroupContext(deps, directory);
  return Object.freeze({
    service: new GroupService(c),
    membership: new GroupMembership(c),
    moderation: new GroupModeration(c),
    attributes: new GroupAttributes(c),
    messages: new GroupMessages(c),
    directory,
  });
}

export type { GroupLimits } from './group-context.js';
