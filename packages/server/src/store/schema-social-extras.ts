/** Tables of migration 0009 (group allowlists are a `group_members.allowed` flag); merged into `Database`. */
export interface ChatroomAttrsTable {
  app_id: string;
  room_id: string;
  key: string;
  value: string;
  /** Who set it: only they (or an admin, forced) may overwrite or remove it. */
  owner: string;
  updated_at: number;
}

export interface SocialExtrasTables {
  chatroom_attrs: ChatroomAttrsTable;
}
