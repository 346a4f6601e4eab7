/**
 * Group, chatroom and contact events as the metas the Easemob SDK turns into onGroupEvent,
 * onChatroomEvent and onContactInvited / Agreed / Refuse / Added / Deleted.
 */
import type { ChatroomEventData, ContactEvent, GroupEventData } from '@pigeon/protocol';
import { NameSpace, T, encode, type Plain } from './codec.js';
import { conferenceJid, userJid } from './jids.js';

/** Pigeon operation -> MUCBody.Operation. */
const MUC_OPERATION: Record<string, number> = {
  create: 0,
  destroy: 1,
  requestToJoin: 4,
  acceptRequest: 5,
  joinPublicGroupDeclined: 6,
  inviteToJoin: 7,
  acceptInvite: 8,
  rejectInvite: 9,
  removeMember: 10,
  unblockMember: 13,
  updateInfo: 14,
  memberPresence: 17,
  memberAbsence: 18,
  directJoined: 19,
  changeOwner: 20,
  setAdmin: 21,
  removeAdmin: 22,
  muteMember: 23,
  unmuteMember: 24,
  updateAnnouncement: 25,
  deleteAnnouncement: 26,
  muteAllMembers: 31,
  unmuteAllMembers: 32,
  memberAttributesUpdate: 45,
};

/** Operations whose subject (`userId`) is the one the SDK reads from MUCBody.from. */
const SUBJECT_IS_FROM = new Set(['memberPresence', 'memberAbsence', 'directJoined']);

/** ContactEvent op -> RosterBody.Operation. */
const ROSTER_OPERATION: Record<ContactEvent['op'], number> = {
  invite: 2,
  delete: 3,
  add: 4,
  accept: 8,
  decline: 9,
};

export interface SocialHost {
  readonly appKey: string;
  readonly user: string;
  newId(): string;
}

function meta(host: SocialHost, ns: number, from: string, payload: Uint8Array): Plain {
  return {
    id: host.newId(),
    from: userJid(host.appKey, from),
    to: userJid(host.appKey, host.user),
    timestamp: Date.now(),
    ns,
    payload,
  };
}

export function mucMeta(
  host: SocialHost,
  d: GroupEventData | ChatroomEventData,
  isChatroom: boolean,
): Plain | undefined {
  const operation = MUC_OPERATION[d.op];
  if (operation === undefined) return undefined;
  const from = SUBJECT_IS_FROM.has(d.op) ? (d.userId ?? d.from) : d.from;
  const body: Plain = {
    mucId: conferenceJid(host.appKey, d.id),
    operation,
    from: userJid(host.appKey, from),
    to: [userJid(host.appKey, d.userId ?? host.user)],
    isChatroom,
    reason: d.reason ?? d.announcement ?? '',
  };
  if (d.name) body.mucName = d.name;
  if (d.memberCount !== undefined) body.mucMemberCount = d.memberCount;
  if (d.op === 'memberAttributesUpdate')
    body.eventInfo = {
      ext: JSON.stringify({ username: d.userId ?? '', properties: (d as GroupEventData).attributes ?? {} }),
    };
  return meta(host, NameSpace.MUC, from, encode(T.MUCBody, body));
}

export function rosterMeta(host: SocialHost, d: ContactEvent): Plain {
  const body = {
    operation: ROSTER_OPERATION[d.op],
    from: userJid(host.appKey, d.from),
    to: [userJid(host.appKey, d.to)],
    reason: d.message ?? '',
  };
  return meta(host, NameSpace.ROSTER, d.from, encode(T.RosterBody, body));
}
