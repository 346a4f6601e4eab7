/** Conversation keys <-> msync JIDs (queues and meta addresses). */
import { conversationPeer, groupKey, parseConversationKey, roomKey, singleKey, type ChatType } from '@pigeon/protocol';
import { CONFERENCE_DOMAIN, USER_DOMAIN, type Jid } from './codec.js';

export const userJid = (appKey: string, name: string, clientResource?: string): Jid =>
  clientResource ? { appKey, name, domain: USER_DOMAIN, clientResource } : { appKey, name, domain: USER_DOMAIN };

export const conferenceJid = (appKey: string, id: string): Jid => ({ appKey, name: id, domain: CONFERENCE_DOMAIN });

export const isConference = (j: Jid | undefined): boolean => (j?.domain ?? '').includes('conference');

/** The queue a conversation's messages are pulled from: the peer for 1:1, the group otherwise. */
export function queueOfConv(appKey: string, conv: string, me: string): Jid | undefined {
  const p = parseConversationKey(conv);
  const peer = conversationPeer(conv, me);
  if (!p || !peer) return undefined;
  return p.chat === 'single' ? userJid(appKey, peer) : conferenceJid(appKey, peer);
}

/** The conversation a pulled queue names (1:1 or group; chatrooms are pushed, never pulled). */
export function convOfQueue(q: Jid | undefined, me: string): string | undefined {
  const name = q?.name?.toLowerCase();
  if (!name) return undefined;
  return isConference(q) ? groupKey(name) : singleKey(me, name);
}

export function convOf(chat: ChatType, me: string, to: string): string {
  return chat === 'single' ? singleKey(me, to) : chat === 'group' ? groupKey(to) : roomKey(to);
}
