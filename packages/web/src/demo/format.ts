/** Display helpers: message previews and times. */
import { t } from './i18n';
import type { Msg } from './model';

const KIND: Record<string, string> = { img: 'imageMsg', file: 'fileMsg', audio: 'audioMsg', video: 'videoMsg' };

export function preview(m: Msg, me: string): string {
  if (m.recalled) return m.from === me ? t('recalledMine') : t('recalledTheirs', { who: m.from });
  if (m.type === 'txt') return m.text;
  return t(KIND[m.type] ?? 'otherMsg');
}

export function shortTime(ms: number): string {
  const d = new Date(ms);
  const today = new Date().toDateString() === d.toDateString();
  return today
    ? d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : d.toLocaleDateString([], { month: 'numeric', day: 'numeric' });
}
