/**
 * What each app setting is, for forms: the console draws its settings form from this list, so a
 * setting added here (and to AppSettings) shows up there with no console change. `key` is a dotted
 * path into AppSettings.
 */
import { FILE_KINDS } from '../files/file-settings.js';
import { MULTI_DEVICE_POLICIES } from '../types.js';
import { HOOK_SETTING_FIELDS } from '../webhooks/hook-setting-fields.js';
import type { SettingField } from './setting-field.js';

export type { SettingField } from './setting-field.js';

const KIND_NAMES: Record<(typeof FILE_KINDS)[number], { en: string; zh: string }> = {
  image: { en: 'images', zh: '图片' },
  audio: { en: 'voice', zh: '语音' },
  video: { en: 'videos', zh: '视频' },
  file: { en: 'files', zh: '文件' },
};

/** Upload rules per kind (core/files/file-settings.ts): largest size and accepted types. */
const FILE_FIELDS: SettingField[] = FILE_KINDS.flatMap((k): SettingField[] => [
  {
    key: `files.maxBytes.${k}`,
    type: 'integer',
    min: 1,
    unit: 'bytes',
    label: { en: `Largest upload: ${KIND_NAMES[k].en}`, zh: `上传大小上限：${KIND_NAMES[k].zh}` },
    help: { en: 'Bigger uploads are refused.', zh: '超过则拒绝上传。' },
  },
  {
    key: `files.allowedTypes.${k}`,
    type: 'list',
    label: { en: `Accepted types: ${KIND_NAMES[k].en}`, zh: `允许的类型：${KIND_NAMES[k].zh}` },
    help: {
      en: 'MIME types sniffed from the bytes: exact, type/*, or * for any type not blocked.',
      zh: '按文件内容识别的 MIME 类型：精确类型、type/*，或 * 表示任何未被禁止的类型。',
    },
  },
]);

export const APP_SETTING_FIELDS: readonly SettingField[] = Object.freeze([
  {
    key: 'openRegistration',
    type: 'boolean',
    label: { en: 'Open registration', zh: '开放注册' },
    help: { en: 'Anyone may register users without the admin token.', zh: '无需管理员令牌即可注册用户。' },
  },
  {
    key: 'multiDevice',
    type: 'enum',
    options: MULTI_DEVICE_POLICIES,
    label: { en: 'Multi-device policy', zh: '多端登录策略' },
    help: {
      en: 'single: a new login kicks all others; per-platform: one per platform; multi: no kicks; refuse-new: up to the device limit, then new logins are refused.',
      zh: 'single：新登录踢掉其他设备；per-platform：每个平台一个；multi：不互踢；refuse-new：达到设备上限后拒绝新设备登录。',
    },
  },
  {
    key: 'maxDevices',
    type: 'integer',
    min: 1,
    label: { en: 'Device limit', zh: '设备数上限' },
    help: {
      en: 'With refuse-new: how many devices of a user may be logged in at once.',
      zh: '策略为 refuse-new 时：同一用户可同时登录的设备数。',
    },
  },
  {
    key: 'friendsRequired',
    type: 'boolean',
    label: { en: 'Friends required', zh: '仅好友可聊天' },
    help: { en: 'Refuse 1:1 messages between users who are not friends.', zh: '非好友之间不能单聊。' },
  },
  {
    key: 'tokenTtlSeconds',
    type: 'integer',
    min: 1,
    unit: 's',
    label: { en: 'Token lifetime', zh: '令牌有效期' },
    help: { en: 'Default lifetime of user tokens issued over REST.', zh: '通过 REST 签发的用户令牌默认有效期。' },
  },
  {
    key: 'recallWindowSeconds',
    type: 'integer',
    min: 0,
    unit: 's',
    label: { en: 'Recall window', zh: '撤回时限' },
    help: { en: 'How long after sending a message its sender may recall it.', zh: '消息发送后可撤回的时长。' },
  },
  {
    key: 'limits.maxMessageBytes',
    type: 'integer',
    min: 1,
    unit: 'bytes',
    optional: true,
    label: { en: 'Largest message', zh: '消息大小上限' },
    help: { en: "Empty: the server's limit.", zh: '留空则使用服务器的限制。' },
  },
  {
    key: 'limits.sendsPerSecond',
    type: 'integer',
    min: 1,
    unit: '/s',
    optional: true,
    label: { en: 'Sends per second per connection', zh: '每连接每秒发送数' },
    help: { en: "Empty: the server's limit.", zh: '留空则使用服务器的限制。' },
  },
  ...FILE_FIELDS,
  {
    key: 'files.blockedTypes',
    type: 'list',
    label: { en: 'Never accepted types', zh: '禁止的类型' },
    help: { en: 'Refused whatever the accepted types say.', zh: '无论允许列表如何都拒绝。' },
  },
  {
    key: 'files.thumbnailSize',
    type: 'integer',
    min: 16,
    unit: 'px',
    label: { en: 'Thumbnail size', zh: '缩略图尺寸' },
    help: { en: 'Image thumbnails fit in this square box.', zh: '图片缩略图的最大边长。' },
  },
  {
    key: 'files.orphanGraceSeconds',
    type: 'integer',
    min: 0,
    unit: 's',
    label: { en: 'Keep unsent uploads for', zh: '未引用文件保留时长' },
    help: {
      en: 'An upload no message references is deleted after this.',
      zh: '没有消息引用的上传文件在此时长后删除。',
    },
  },
  ...HOOK_SETTING_FIELDS,
]);
