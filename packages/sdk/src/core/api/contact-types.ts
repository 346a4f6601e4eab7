/**
 * Contacts, user attributes and presence shapes, named as in Easemob Web SDK 4.x
 * (easemob-websdk's Easemob-chat.d.ts), plus Pigeon's onUserInfoChange.
 */
export type UserId = string;

/** onContactInvited / Agreed / Refuse / Deleted / Added. `to` is this user; `from` the other one. */
export interface ContactMsgBody {
  /** subscribe: a request; subscribed: accepted or added; unsubscribed: declined or deleted. */
  type: 'subscribe' | 'unsubscribed' | 'subscribed';
  to: string;
  from: string;
  /** The request's message (onContactInvited). */
  status?: string;
  /** Pigeon: the entry's seq in the user's contact log and its time (ms). */
  seq?: number;
  time?: number;
}

export interface ContactItem {
  userId: UserId;
  remark: string;
}

export interface CursorContactsResult {
  /** '' on the last page. */
  cursor?: string;
  contacts: ContactItem[];
}

export interface OperateResult {
  userIds: UserId[];
}

/** Easemob's user attributes ("个人设置"). */
export interface UpdateOwnUserInfoParams {
  nickname?: string;
  avatarurl?: string;
  mail?: string;
  phone?: string;
  gender?: string | number | boolean;
  sign?: string;
  birth?: string;
  ext?: string;
}

/** Keys of the app's own (Pigeon, as Easemob's REST allows), within the 2 KB profile limit; null or '' removes. */
export type CustomUserInfo = Record<string, string | number | boolean | null | undefined>;

export type ConfigurableKey = 'nickname' | 'avatarurl' | 'mail' | 'phone' | 'gender' | 'sign' | 'birth' | 'ext';

/** Pigeon's event when a friend (or this user on another device) changes attributes. */
export interface UserInfoChange {
  userId: UserId;
  /** The attributes set ('' for removed ones); empty when all were removed (`cleared`). */
  changes: Record<string, string>;
  cleared: boolean;
  /** ms since epoch. */
  time: number;
}

export interface SubscribePresence {
  /** Subscription end, seconds since epoch (0 when not subscribed). */
  expiry: number;
  /** Custom status text (publishPresence's description). */
  ext: string;
  /** Last change, seconds since epoch. */
  last_time: number;
  /** Online devices, `<platform>_<deviceId>`: 1. */
  status: Record<string, number>;
  uid: string;
}

export interface SubscribePresenceResult {
  result: SubscribePresence[];
}

export interface GetSubscribedPresenceListResult {
  result: { sublist: Array<{ uid: string; expiry: number }>; totalnum: number };
}

export interface StatusDetailsType {
  /** `<platform>_<deviceId>`. */
  device: string;
  /** 1 online, 0 offline. */
  status: number;
}

/** onPresenceStatusChange. */
export interface PresenceType {
  userId: string;
  statusDetails: StatusDetailsType[];
  ext: string;
  /** Seconds since epoch. */
  lastTime: number;
  /** Subscription end, seconds since epoch. */
  expire: number;
}

export interface ContactEventHandlers {
  onContactInvited?(msg: ContactMsgBody): void;
  onContactAgreed?(msg: ContactMsgBody): void;
  onContactRefuse?(msg: ContactMsgBody): void;
  onContactDeleted?(msg: ContactMsgBody): void;
  onContactAdded?(msg: ContactMsgBody): void;
  onPresenceStatusChange?(msg: PresenceType[]): void;
  onUserInfoChange?(info: UserInfoChange): void;
}
