/**
 * The app settings of issue 10: webhooks (post-event and pre-send), the sensitive-word list, and
 * offline push templates. Stored inside AppSettings; apps saved before these existed get the defaults.
 */
import { PigeonError } from '@pigeon/protocol';

/** Post-event types an app may subscribe to (docs/webhooks.md). */
export const WEBHOOK_EVENTS = [
  'message.sent',
  'user.online',
  'user.offline',
  'group.changed',
  'contact.changed',
  'push.offline',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

export const TIMEOUT_FALLBACKS = ['allow', 'reject'] as const;
export const MODERATION_ACTIONS = ['off', 'replace', 'reject'] as const;

export interface WebhookSettings {
  /** Receivers of post events; the first one also answers pre-send callbacks. */
  urls: string[];
  /** HMAC-SHA256 key of the signature header; empty: the app's client secret. */
  secret: string;
  /** Subscribed event types; `*` for all. */
  events: string[];
  /** Ask the first URL before committing each user's message. */
  preSend: boolean;
  /** How long a pre-send answer may take. */
  deadlineMs: number;
  /** What happens to the message when the pre-send callback times out or fails. */
  timeoutFallback: (typeof TIMEOUT_FALLBACKS)[number];
  /** Delivery attempts of a post event before it becomes a dead letter. */
  maxAttempts: number;
}

export interface ModerationSettings {
  action: (typeof MODERATION_ACTIONS)[number];
  /** Matched case-insensitively anywhere in the text; managed over REST for long lists. */
  words: string[];
  /** Top-level `ext` keys whose string values are checked too. */
  extFields: string[];
}

export interface PushSettings {
  /** Offline push events for recipients with no online device. */
  enabled: boolean;
  /** Templates: {{from}}, {{to}}, {{text}}, {{type}}, {{chat}}. */
  title: string;
  body: string;
}

export interface HookSettings {
  webhooks: WebhookSettings;
  moderation: ModerationSettings;
  push: PushSettings;
}

export type HookSettingsInput = { [K in keyof HookSettings]?: Partial<HookSettings[K]> };

export const DEFAULT_HOOK_SETTINGS: HookSettings = Object.freeze({
  webhooks: Object.freeze({
    urls: [],
    secret: '',
    events: ['*'],
    preSend: false,
    deadlineMs: 2000,
    timeoutFallback: 'allow' as const,
    maxAttempts: 8,
  }),
  moderation: Object.freeze({ action: 'off' as const, words: [], extFields: [] }),
  push: Object.freeze({ enabled: false, title: '{{from}}', body: '{{text}}' }),
});

const bad = (path: string, message: string) => new PigeonError('BAD_REQUEST', message, { details: { path } });

function defined<T extends object>(o: T | undefined, path: string): Partial<T> {
  if (o === undefined) return {};
  if (typeof o !== 'object' || o === null || Array.isArray(o)) throw bad(path, `${path.slice(1)} must be an object`);
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Each section merged field by field over the base (or over the defaults for old apps). */
export function mergeHookSettings(base: Partial<HookSettings>, patch: HookSettingsInput = {}): HookSettings {
  const d = DEFAULT_HOOK_SETTINGS;
  return {
    webhooks: { ...d.webhooks, ...base.webhooks, ...defined(patch.webhooks, '/webhooks') },
    moderation: { ...d.moderation, ...base.moderation, ...defined(patch.moderation, '/moderation') },
    push: { ...d.push, ...base.push, ...defined(patch.push, '/push') },
  };
}

const strings = (v: unknown, path: string, max: number): void => {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string'))
    throw bad(path, `${path.slice(1).replace('/', '.')} must be a list of strings`);
  if (v.length > max) throw bad(path, `${path.slice(1).replace('/', '.')} holds at most ${max} entries`);
};

export function checkHookSettings(s: HookSettings): void {
  const w = s.webhooks;
  strings(w.urls, '/webhooks/urls', 10);
  w.urls.forEach((u, i) => {
    if (!/^https?:\/\/[^\s/]+/.test(u)) throw bad(`/webhooks/urls/${i}`, `"${u}" is not an http(s) URL`);
  });
  if (typeof w.secret !== 'string') throw bad('/webhooks/secret', 'webhooks.secret must be a string');
  strings(w.events, '/webhooks/events', WEBHOOK_EVENTS.length + 1);
  for (const e of w.events)
    if (e !== '*' && !(WEBHOOK_EVENTS as readonly string[]).includes(e))
      throw bad('/webhooks/events', `Unknown event "${e}" (${WEBHOOK_EVENTS.join(', ')} or *)`);
  if (typeof w.preSend !== 'boolean') throw bad('/webhooks/preSend', 'webhooks.preSend must be a boolean');
  if (!(Number.isInteger(w.deadlineMs) && w.deadlineMs >= 10 && w.deadlineMs <= 30_000))
    throw bad('/webhooks/deadlineMs', 'webhooks.deadlineMs must be an integer from 10 to 30000');
  if (!TIMEOUT_FALLBACKS.includes(w.timeoutFallback))
    throw bad('/webhooks/timeoutFallback', `webhooks.timeoutFallback must be one of ${TIMEOUT_FALLBACKS.join(', ')}`);
  if (!(Number.isInteger(w.maxAttempts) && w.maxAttempts >= 1 && w.maxAttempts <= 50))
    throw bad('/webhooks/maxAttempts', 'webhooks.maxAttempts must be an integer from 1 to 50');
  checkModeration(s.moderation);
  const p = s.push;
  if (typeof p.enabled !== 'boolean') throw bad('/push/enabled', 'push.enabled must be a boolean');
  for (const k of ['title', 'body'] as const)
    if (typeof p[k] !== 'string' || p[k].length > 500) throw bad(`/push/${k}`, `push.${k} must be a string of <= 500`);
}

/** Longest list a sensitive-word setting may hold. */
export const MAX_WORDS = 50_000;

function checkModeration(m: ModerationSettings): void {
  if (!MODERATION_ACTIONS.includes(m.action))
    throw bad('/moderation/action', `moderation.action must be one of ${MODERATION_ACTIONS.join(', ')}`);
  strings(m.words, '/moderation/words', MAX_WORDS);
  m.words.forEach((w, i) => {
    if (!w.trim() || w.length > 100) throw bad(`/moderation/words/${i}`, 'A word is 1 to 100 characters');
  });
  strings(m.extFields, '/moderation/extFields', 50);
}

/** Whether the app's webhooks want this event type. */
export function subscribed(w: WebhookSettings, type: WebhookEventType): boolean {
  return w.urls.length > 0 && (w.events.includes('*') || w.events.includes(type));
}
