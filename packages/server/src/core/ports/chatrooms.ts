/** Storage of chatrooms: the room and its admin, mute and block lists (presence lives in memory). */
export interface ChatroomRecord {
  appId: string;
  id: string;
  name: string;
  description: string;
  owner: string;
  maxUsers: number;
  ext: string;
  announcement: string;
  muteAll: boolean;
  createdAt: number;
}

export type ChatroomRecordPatch = Partial<
  Pick<ChatroomRecord, 'name' | 'description' | 'maxUsers' | 'ext' | 'announcement' | 'muteAll' | 'owner'>
>;

export type RoomListKind = 'admin' | 'mute' | 'block' | 'allow';

export interface RoomListEntry {
  kind: RoomListKind;
  user: string;
  /** Mutes: -1 permanent, else ms since epoch. */
  until: number;
}

export interface ChatroomRepository {
  create(room: ChatroomRecord): Promise<void>;
  get(appId: string, id: string): Promise<ChatroomRecord | undefined>;
  update(appId: string, id: string, patch: ChatroomRecordPatch): Promise<void>;
  /** Removes the room and its lists. */
  delete(appId: string, id: string): Promise<void>;
  /** Rooms by id. */
  list(appId: string, offset: number, limit: number): Promise<ChatroomRecord[]>;
  lists(appId: string, id: string): Promise<RoomListEntry[]>;
  putList(appId: string, id: string, kind: RoomListKind, users: string[], until: number): Promise<void>;
  removeList(appId: string, id: string, kind: RoomListKind, users: string[]): Promise<void>;
  superAdmins(appId: string, offset: number, limit: number): Promise<string[]>;
  isSuperAdmin(appId: string, user: string): Promise<boolean>;
  addSuperAdmin(appId: string, user: string, at: number): Promise<void>;
  removeSuperAdmin(appId: string, user: string): Promise<boolean>;
}
