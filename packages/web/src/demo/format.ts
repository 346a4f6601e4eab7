/** Display helpers: message previews and times. */
import { t } from './i18n';
import { displayName } from './contacts';
import type { Msg } from './model';

const KIND: Record<string, string> = { img: 'imageMsg', file: 'fileMsg', audio: 'audioMsg', video: 'videoMsg' };

/** One line for a message; in a list, group messages from others start with the sender's name. */
export function preview(m: Msg, me: string, inList = false): string {
  if (m.recalled) return m.from === me ? t('recalledMine') : t('recalledTheirs', { who: displayName(m.from) });
  const text = m.type === 'txt' ? m.text : t(KIND[m.type] ?? 'otherMsg');
  return inList && m.key.includes(':') && m.from !== me ? `${displayName(m.from)}: ${text}` : text;
}

export function shortTime(ms: number): string {
  const d = new Date(ms);
  const today = new Date().toDateString() === d.toDateString();
  return today
    ? d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : d.toLocaleDateString([], { month: 'numeric', day: 'numeric' });
}
