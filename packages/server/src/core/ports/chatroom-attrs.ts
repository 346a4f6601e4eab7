/** A chatroom's custom attributes, each remembering who set it. */
export interface RoomAttr {
  key: string;
  value: string;
  owner: string;
}

export interface ChatroomAttrRepository {
  all(appId: string, roomId: string): Promise<RoomAttr[]>;
  put(appId: string, roomId: string, attrs: RoomAttr[], at: number): Promise<void>;
  remove(appId: string, roomId: string, keys: string[]): Promise<void>;
}
