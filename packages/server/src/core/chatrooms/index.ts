/** The chatroom services on one shared context; membership listens to the hub for disconnects. */
import type { Bus } from '../ports/bus.js';
import { RoomAllowlist } from './room-allowlist.js';
import { RoomContext, type ChatroomDeps } from './room-context.js';
import { LiveRooms } from './room-live.js';
import { RoomMembership } from './room-membership.js';
import { RoomMessages } from './room-messages.js';
import { RoomModeration } from './room-moderation.js';
import { RoomService } from './room-service.js';
import { RoomDirectory } from './room-state.js';

export interface Chatrooms {
  readonly service: RoomService;
  readonly membership: RoomMembership;
  readonly moderation: RoomModeration;
  readonly messages: RoomMessages;
  readonly live: LiveRooms;
  readonly allowlist: RoomAllowlist;
}

export function createChatrooms(deps: ChatroomDeps & { bus: Bus }): Chatrooms {
  const live = new LiveRooms(deps.limits.historySize);
  const c = new RoomContext(deps, new RoomDirectory(deps.repos.chatrooms, deps.bus, deps.limits.cacheSize), live);
  const membership = new RoomMembership(c);
  deps.hub.addPresenceListener(membership);
  return Object.freeze({
    service: new RoomService(c, membership),
    membership,
    moderation: new RoomModeration(c),
    messages: new RoomMessages(c),
    live,
    allowlist: new RoomAllowlist(c),
  });
}

export type { ChatroomLimits } from './room-context.js';
