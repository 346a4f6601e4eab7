/** Tables of contacts, profiles and presence (migration 0004); merged into `Database` in schema.ts. */
export interface ContactRequestsTable {
  app_id: string;
  to_user: string;
  from_user: string;
  message: string;
  created_at: number;
}

/** Per-user contact log: what `contact.sync` replays to devices that were away. */
export interface ContactEventsTable {
  app_id: string;
  username: string;
  seq: number;
  op: string;
  peer: string;
  message: string | null;
  ts: number;
}

export interface ContactCursorsTable {
  app_id: string;
  username: string;
  last_seq: number;
  /** Acknowledged by one of the user's devices: where a device without local state starts. */
  seen_seq: number;
}

export interface UserProfilesTable {
  app_id: string;
  username: string;
  /** JSON object of string attributes. */
  attrs: string;
  modified_at: number;
}

export interface PresenceStatusTable {
  app_id: string;
  username: string;
  ext: string;
  updated_at: number;
}

export interface PresenceSubsTable {
  app_id: string;
  subscriber: string;
  target: string;
  expires_at: number;
}

export interface ContactsTables {
  contact_requests: ContactRequestsTable;
  contact_events: ContactEventsTable;
  contact_cursors: ContactCursorsTable;
  user_profiles: UserProfilesTable;
  presence_status: PresenceStatusTable;
  presence_subs: PresenceSubsTable;
}
