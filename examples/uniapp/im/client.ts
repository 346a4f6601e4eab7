/**
 * The app's one Pigeon connection, shared by the pages. The uni-app build of the SDK picks the
 * socket rule of the platform the app was compiled to (WeChat/QQ 5, Alipay 1, ...) and refuses a
 * connection over it with SOCKET_LIMIT; close() resolves once the socket is really closed.
 */
import Pigeon, { uniAppHidden, uniAppShown, type ChatMessage, type ConversationItem } from '@pigeon/sdk/uniapp';
import { config } from './config';

type Connection = InstanceType<typeof Pigeon.connection>;

let conn: Connection | undefined;
const listeners = new Set<(m: ChatMessage) => void>();

function connection(): Connection {
  if (conn) return conn;
  const c = new Pigeon.connection({ appKey: config.appKey, url: config.url, apiUrl: config.apiUrl });
  c.addEventHandler('demo', {
    onMessage: (msgs) => msgs.forEach((m) => listeners.forEach((cb) => cb(m))),
    onDisconnected: (err) => {
      if (err?.type === 'KICKED') uni.showToast({ title: 'Logged in elsewhere', icon: 'none' });
    },
  });
  return (conn = c);
}

export async function login(user: string, pwd: string): Promise<void> {
  await connection().open({ user, pwd });
  uni.setStorageSync('pigeon:lastUser', user);
}

export async function logout(): Promise<void> {
  await conn?.close();
}

export const me = (): string => conn?.user ?? '';

export async function conversations(): Promise<ConversationItem[]> {
  const res = await connection().getServerConversations({ pageSize: 50 });
  return res.data?.conversations ?? [];
}

/** Oldest first, for the chat screen. */
export async function history(peer: string): Promise<ChatMessage[]> {
  const page = await connection().getHistoryMessages({ targetId: peer, chatType: 'singleChat', pageSize: 30 });
  return page.messages.slice().reverse();
}

/** Resolves with the committed message (it waits in the outbox while reconnecting). */
export async function sendText(peer: string, text: string): Promise<ChatMessage | undefined> {
  const msg = Pigeon.message.create({ type: 'txt', chatType: 'singleChat', to: peer, msg: text });
  return (await connection().send(msg)).message;
}

export function onMessage(cb: (m: ChatMessage) => void): () => void {
  listeners.add(cb);
  return () => void listeners.delete(cb);
}

export const appShown = (): void => uniAppShown();
export const appHidden = (): void => uniAppHidden();
