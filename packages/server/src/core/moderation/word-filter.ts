/**
 * Built-in moderation: the app's sensitive words, compiled once per list into an Aho-Corasick
 * automaton (one pass over the text whatever the list's length), matched case-insensitively after
 * NFKC normalization. Applies to text bodies and to the string values of the app's `extFields`.
 */
import { PigeonError, type OutgoingMessage } from '@pigeon/protocol';
import TextMatcher from 'modern-ahocorasick/text';
import type { App } from '../types.js';
import type { ModerationSettings } from '../webhooks/hook-settings.js';

export const MASK = '***';

/** One automaton per list object: settings are replaced, never mutated, so a new list compiles anew. */
const compiled = new WeakMap<readonly string[], TextMatcher>();

function matcherFor(words: readonly string[]): TextMatcher {
  let m = compiled.get(words);
  if (!m) {
    m = new TextMatcher(
      words.filter((w) => w.trim()),
      { caseFold: true, normalization: 'NFKC' },
    );
    compiled.set(words, m);
  }
  return m;
}

/** The words of `text` on the list (distinct, as listed). */
export function findWords(words: readonly string[], text: string): string[] {
  if (!words.length || !text) return [];
  return [
    ...new Set(
      matcherFor(words)
        .search(text, { strategy: 'leftmost-longest' })
        .map((m) => m.pattern),
    ),
  ];
}

export function maskWords(words: readonly string[], text: string): string {
  if (!words.length || !text) return text;
  return matcherFor(words).replace(text, MASK, { strategy: 'leftmost-longest' });
}

export function moderationOn(app: App): boolean {
  const m = app.settings.moderation;
  return m.action !== 'off' && m.words.length > 0;
}

/** The message to store: unchanged, masked (`replace`), or refused with SENSITIVE_CONTENT (`reject`). */
export function moderate(m: ModerationSettings, out: OutgoingMessage): OutgoingMessage {
  const texts = textsOf(m, out);
  const found = [...new Set(texts.flatMap(([, t]) => findWords(m.words, t)))];
  if (!found.length) return out;
  if (m.action === 'reject')
    throw new PigeonError('SENSITIVE_CONTENT', 'The message contains words this app does not allow.', {
      details: { words: found },
    });
  const copy = structuredClone(out);
  for (const [key, t] of texts) {
    const masked = maskWords(m.words, t);
    if (key === null) (copy.body as { text: string }).text = masked;
    else copy.ext![key] = masked;
  }
  return copy;
}

/** [null, body text] and [ext key, value] pairs to check. */
function textsOf(m: ModerationSettings, out: OutgoingMessage): Array<[string | null, string]> {
  const pairs: Array<[string | null, string]> = [];
  if (out.type === 'txt') pairs.push([null, out.body.text]);
  for (const k of m.extFields) {
    const v = out.ext?.[k];
    if (typeof v === 'string') pairs.push([k, v]);
  }
  return pairs;
}
