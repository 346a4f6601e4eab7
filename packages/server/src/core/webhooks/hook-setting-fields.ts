/** The console form's fields for webhooks, moderation and push (the word list itself has its own page). */
import type { SettingField } from '../apps/setting-field.js';
import { MODERATION_ACTIONS, TIMEOUT_FALLBACKS } from './hook-settings.js';

const f = (field: SettingField): SettingField => field;

export const HOOK_SETTING_FIELDS: readonly SettingField[] = [
  f({
    key: 'webhooks.urls',
    type: 'list',
    label: { en: 'Webhook URLs', zh: '回调地址' },
    help: {
      en: 'Receivers of post events (docs/webhooks.md); the first also answers pre-send callbacks.',
      zh: '事件回调接收地址；第一个地址同时处理发送前回调。',
    },
  }),
  f({
    key: 'webhooks.secret',
    type: 'text',
    label: { en: 'Webhook signing secret', zh: '回调签名密钥' },
    help: {
      en: "HMAC-SHA256 key; empty: the app's client secret.",
      zh: 'HMAC-SHA256 密钥；留空则使用应用的 Client Secret。',
    },
  }),
  f({
    key: 'webhooks.events',
    type: 'list',
    label: { en: 'Webhook events', zh: '回调事件' },
    help: {
      en: 'message.sent, user.online, user.offline, group.changed, contact.changed, push.offline, or * for all.',
      zh: 'message.sent、user.online、user.offline、group.changed、contact.changed、push.offline，或 * 表示全部。',
    },
  }),
  f({
    key: 'webhooks.preSend',
    type: 'boolean',
    label: { en: 'Pre-send callback', zh: '发送前回调' },
    help: { en: "Ask the first URL before storing each user's message.", zh: '存储用户消息前先询问第一个回调地址。' },
  }),
  f({
    key: 'webhooks.deadlineMs',
    type: 'integer',
    min: 10,
    unit: 'ms',
    label: { en: 'Pre-send deadline', zh: '发送前回调超时' },
    help: { en: 'How long a pre-send answer may take.', zh: '发送前回调的最长等待时间。' },
  }),
  f({
    key: 'webhooks.timeoutFallback',
    type: 'enum',
    options: TIMEOUT_FALLBACKS,
    label: { en: 'When pre-send fails', zh: '发送前回调失败时' },
    help: { en: 'allow: store unchecked; reject: refuse the message.', zh: 'allow：直接存储；reject：拒绝消息。' },
  }),
  f({
    key: 'webhooks.maxAttempts',
    type: 'integer',
    min: 1,
    label: { en: 'Delivery attempts', zh: '投递尝试次数' },
    help: { en: 'After this many failures an event becomes a dead letter.', zh: '失败达到此次数后事件进入死信。' },
  }),
  f({
    key: 'moderation.action',
    type: 'enum',
    options: MODERATION_ACTIONS,
    label: { en: 'Sensitive words', zh: '敏感词处理' },
    help: {
      en: 'replace with *** or reject; the list is managed over REST (/moderation/words).',
      zh: '替换为 *** 或拒绝；词表通过 REST（/moderation/words）管理。',
    },
  }),
  f({
    key: 'moderation.extFields',
    type: 'list',
    label: { en: 'Checked ext fields', zh: '检查的 ext 字段' },
    help: { en: 'Top-level ext keys whose text is checked too.', zh: '同样检查这些 ext 顶层字段的文本。' },
  }),
  f({
    key: 'push.enabled',
    type: 'boolean',
    label: { en: 'Offline push', zh: '离线推送' },
    help: { en: 'Push notices for recipients with no online device.', zh: '为没有在线设备的接收者生成推送。' },
  }),
  f({
    key: 'push.title',
    type: 'text',
    label: { en: 'Push title template', zh: '推送标题模板' },
    help: {
      en: '{{from}}, {{to}}, {{user}}, {{text}}, {{type}}, {{chat}}',
      zh: '{{from}}、{{to}}、{{user}}、{{text}}、{{type}}、{{chat}}',
    },
  }),
  f({
    key: 'push.body',
    type: 'text',
    label: { en: 'Push body template', zh: '推送内容模板' },
    help: {
      en: '{{from}}, {{to}}, {{user}}, {{text}}, {{type}}, {{chat}}',
      zh: '{{from}}、{{to}}、{{user}}、{{text}}、{{type}}、{{chat}}',
    },
  }),
];
