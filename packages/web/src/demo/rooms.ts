/**
 * Chatrooms in the demo: the app's rooms (getChatRooms), join to open one (its recent messages come
 * through the message handlers), leave. Room messages are not kept offline, as on every IM cloud.
 */
import { reactive, watch } from 'vue';
import { current, openChat, state } from './chat';
import { keyOf } from './model';

export interface RoomRow {
  id: string;
  name: string;
  members: number;
}

export const rooms = reactive({ list: [] as RoomRow[], joined: [] as string[] });

// Another user logs in: nothing joined yet.
watch(
  () => state.me,
  () => Object.assign(rooms, { list: [], joined: [] }),
);

export async function loadRooms(): Promise<void> {
  const res = await current().getChatRooms({ pagenum: 1, pagesize: 50 });
  rooms.list = res.data.map((r) => ({ id: r.id, name: r.name, members: r.affiliations_count }));
  for (const r of rooms.list) state.roomNames[r.id] = r.name;
}

export async function joinRoom(id: string): Promise<void> {
  if (!rooms.joined.includes(id)) {
    await current().joinChatRoom({ roomId: id });
    rooms.joined.push(id);
  }
  await openChat(keyOf('chatRoom', id));
}

export async function leaveRoom(id: string): Promise<void> {
  await current().leaveChatRoom({ roomId: id });
  rooms.joined = rooms.joined.filter((r) => r !== id);
  const key = keyOf('chatRoom', id);
  delete state.convs[key];
  delete state.messages[key];
  delete state.cursors[key];
  if (state.open === key) state.open = '';
}
