/** What the pages render, computed from SDK objects (kept out of the .vue files so tsc checks it). */
import type { ChatMessage, ConversationItem } from '@pigeon/sdk/uniapp';

export interface Row {
  id: string;
  preview: string;
  unread: number;
  time: string;
}

export interface Bubble {
  id: string;
  mine: boolean;
  text: string;
}

const preview = (m: ChatMessage | null): string => (!m ? '' : m.type === 'txt' ? m.msg : `[${m.type}]`);

export const toRow = (c: ConversationItem): Row => ({
  id: c.conversationId,
  preview: preview(c.lastMessage),
  unread: c.unReadCount,
  time: new Date(c.time).toLocaleTimeString(),
});

export const toBubble = (m: ChatMessage, me: string): Bubble => ({ id: m.id, mine: m.from === me, text: preview(m) });

/** Appends unless already shown (a sent message can also come back from another device). */
export const addBubble = (list: Bubble[], b: Bubble): Bubble[] =>
  list.some((x) => x.id === b.id) ? list : [...list, b];
