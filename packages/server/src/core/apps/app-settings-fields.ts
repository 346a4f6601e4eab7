/**
 * What each app setting is, for forms: the console draws its settings form from this list, so a
 * setting added here (and to AppSettings) shows up there with no console change. `key` is a dotted
 * path into AppSettings.
 */
import { MULTI_DEVICE_POLICIES } from '../types.js';

export interface SettingField {
  key: string;
  type: 'boolean' | 'integer' | 'enum';
  options?: readonly string[];
  min?: number;
  /** Unit shown next to numbers, e.g. 's' or 'bytes'. */
  unit?: string;
  /** Optional numbers may be left empty (the server's default applies). */
  optional?: boolean;
  label: { en: string; zh: string };
  help: { en: string; zh: string };
}

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
      en: 'single: a new login kicks all others; per-platform: one per platform; multi: no kicks.',
      zh: 'single：新登录踢掉其他设备；per-platform：每个平台一个；multi：不互踢。',
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
]);
