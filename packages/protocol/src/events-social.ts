/** Group and chatroom events (merged into `Events`): Easemob's onGroupEvent and onChatroomEvent. */
import type { ChatroomEventData, GroupEventData } from './groups.js';

export interface SocialEvents {
  group: GroupEventData;
  room: ChatroomEventData;
}
