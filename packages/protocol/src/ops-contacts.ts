/**
 * Contacts, block list, profiles and presence: their ops and events, merged into `Ops` / `Events`.
 * docs/protocol.md ("Contacts, profiles and presence") says what they mean.
 */

/** What happened to a contact, as seen by the user the event is for (`to`); `from` is the other user. */
export type ContactOp =
  /** `from` asks `to` to be friends (`message` is the request's text). */
  | 'invite'
  /** `from` accepted `to`'s request. */
  | 'accept'
  /** `from` declined `to`'s request. */
  | 'decline'
  /** `from` and `to` are now friends (both sides get it). */
  | 'add'
  /** `from` and `to` are no longer friends (both sides get it). */
  | 'delete';

/** One entry of a user's contact log: pushed live as event `contact` and replayed by `contact.sync`. */
export interface ContactEvent {
  /** Per-user sequence number of the log, strictly increasing. */
  seq: number;
  op: ContactOp;
  from: string;
  to: string;
  message?: string;
  /** ms since epoch. */
  ts: number;
}

export interface ContactEntry {
  user: string;
  remark: string;
}

/** One device of a user, as presence reports it. */
export interface PresenceDevice {
  deviceId: string;
  platform: string;
  online: boolean;
}

export interface PresenceInfo {
  user: string;
  /** Custom status text set with presence.publish ('' when none). */
  ext: string;
  /** Devices online now; in a `presence` event also the ones that just went offline (online: false). */
  devices: PresenceDevice[];
  /** ms since epoch of the last change (connect, disconnect, publish); 0 when unknown. */
  lastTime: number;
  /** ms since epoch when the caller's subscription to this user ends (0: not subscribed). */
  expiresAt: number;
}

export interface PresenceSubscription {
  user: string;
  expiresAt: number;
}

/** User attributes ("个人设置"): Easemob's names, values as strings. */
export type ProfileAttrs = Record<string, string>;

/** Limits on user attributes (characters per value, UTF-8 bytes for the whole profile), as Easemob's. */
export const PROFILE_LIMITS = Object.freeze({
  /** Per known key; any other key is bounded only by the total. */
  value: Object.freeze({
    nickname: 64,
    avatarurl: 256,
    mail: 64,
    phone: 32,
    gender: 16,
    sign: 256,
    birth: 64,
  }) as Readonly<Record<string, number>>,
  keyChars: 32,
  totalBytes: 2048,
  usersPerFetch: 100,
});

export const CONTACT_LIMITS = Object.freeze({
  messageChars: 256,
  remarkChars: 100,
  contactsPerUser: 3000,
  blocksPerUser: 500,
  usersPerCall: 100,
  pageMax: 50,
});

export const PRESENCE_LIMITS = Object.freeze({
  extBytes: 64,
  maxExpirySeconds: 30 * 24 * 3600,
  subscriptionsPerUser: 3000,
  usersPerCall: 100,
});

type Empty = Record<string, never>;

export interface ContactsOps {
  'contact.add': { req: { user: string; message?: string }; res: Empty };
  'contact.accept': { req: { user: string }; res: Empty };
  'contact.decline': { req: { user: string }; res: Empty };
  'contact.delete': { req: { user: string }; res: Empty };
  'contact.list': {
    req: { cursor?: string; limit?: number };
    res: { contacts: ContactEntry[]; cursor: string | null };
  };
  'contact.remark': { req: { user: string; remark: string }; res: Empty };
  /**
   * Acknowledges the log up to `afterSeq` and returns what follows it, oldest first. Without
   * `afterSeq` (a device with no local state) it starts after what the user's devices acknowledged.
   */
  'contact.sync': {
    req: { afterSeq?: number; limit?: number };
    res: { events: ContactEvent[]; lastSeq: number; hasMore: boolean };
  };
  'block.add': { req: { users: string[] }; res: { users: string[] } };
  'block.remove': { req: { users: string[] }; res: { users: string[] } };
  'block.list': { req: Empty | undefined; res: { users: string[] } };
  /** Sets the given attributes ('' removes one); returns the whole profile after the change. */
  'profile.update': { req: { attrs: ProfileAttrs }; res: { attrs: ProfileAttrs } };
  /** Unknown users are left out of `profiles`, as Easemob returns nothing for them. */
  'profile.get': { req: { users: string[]; keys?: string[] }; res: { profiles: Record<string, ProfileAttrs> } };
  'presence.publish': { req: { ext: string }; res: Empty };
  'presence.subscribe': { req: { users: string[]; expiry: number }; res: { presences: PresenceInfo[] } };
  'presence.unsubscribe': { req: { users: string[] }; res: Empty };
  'presence.subscriptions': {
    req: { page?: number; pageSize?: number };
    res: { subs: PresenceSubscription[]; total: number };
  };
  'presence.get': { req: { users: string[] }; res: { presences: PresenceInfo[] } };
}

export const CONTACTS_OP_NAMES: readonly (keyof ContactsOps)[] = [
  'contact.add',
  'contact.accept',
  'contact.decline',
  'contact.delete',
  'contact.list',
  'contact.remark',
  'contact.sync',
  'block.add',
  'block.remove',
  'block.list',
  'profile.update',
  'profile.get',
  'presence.publish',
  'presence.subscribe',
  'presence.unsubscribe',
  'presence.subscriptions',
  'presence.get',
];

export interface ContactsEvents {
  /** An entry of the user's contact log (see ContactEvent). */
  contact: ContactEvent;
  /** A friend (or the user on another device) changed attributes; `cleared` when all were removed. */
  profile: { user: string; attrs: ProfileAttrs; cleared?: boolean; ts: number };
  /** A user the receiver subscribed to changed status or devices. */
  presence: PresenceInfo;
}
