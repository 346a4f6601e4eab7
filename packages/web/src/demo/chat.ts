/**
 * The demo's one connection and its state: conversations with unread counts, loaded messages per
 * peer, and how far each peer has read (for "Read" under my messages).
 */
import SDK, { type ChatMessage, type PigeonError } from '@pigeon/sdk/web';
import { reactive } from 'vue';
import { toConv, toMsg, upsert, type Conv, type Msg } from './model';

type Connection = InstanceType<typeof SDK.connection>;

export const state = reactive({
  me: '',
  appKey: 'pigeon#demo',
  online: false,
  notice: '',
  convs: {} as Record<string, Conv>,
  messages: {} as Record<string, Msg[]>,
  /** Next history cursor per peer: undefined = not loaded, null = start reached. */
  cursors: {} as Record<string, string | null | undefined>,
  peerRead: {} as Record<string, number>,
  open: '',
});

let conn: Connection | undefined;

function connection(appKey: string): Connection {
  if (conn && state.appKey === appKey) return conn;
  state.appKey = appKey;
  const ws = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
  // delivery: the peer's SDK tells us when our message reached one of its devices.
  conn = new SDK.connection({ appKey, url: ws, apiUrl: location.origin, delivery: true });
  conn.addEventHandler('demo', {
    onConnected: () => ((state.online = true), (state.notice = '')),
    onReconnecting: () => ((state.online = false), (state.notice = 'offline')),
    onDisconnected: (err?: PigeonError) => {
      state.online = false;
      // Stopped for good (kicked, forced logout, deactivated, gave up): say so; logging in again revives it.
      if (err) state.notice = err.type === 'KICKED' ? 'kicked' : 'stopped';
    },
    onMessage: (msgs) => msgs.forEach((m) => received(m)),
    onChannelMessage: (r) => read(r.conversationId, r.readSeq),
    onReadMessage: (r) => read(r.conversationId, r.readSeq),
    onRecallMessage: (r) => recalled(r.conversationId, r.mid),
    onDeliveredMessage: (d) => delivered(d.conversationId, d.mid),
  });
  return conn;
}

function read(peer: string | undefined, readSeq: number | undefined): void {
  if (peer && readSeq !== undefined) state.peerRead[peer] = Math.max(state.peerRead[peer] ?? 0, readSeq);
}

function touch(m: Msg, unread: number): void {
  const c = (state.convs[m.peer] ??= { peer: m.peer, last: null, unread: 0, time: 0 });
  if (!c.last || m.seq >= c.last.seq) c.last = m;
  c.time = Math.max(c.time, m.time);
  c.unread += unread;
}

function received(em: ChatMessage): void {
  const m = toMsg(em, state.me);
  if (state.messages[m.peer]) state.messages[m.peer] = upsert(state.messages[m.peer]!, m);
  const looking = state.open === m.peer && document.visibilityState === 'visible';
  touch(m, m.mine || looking ? 0 : 1);
  if (looking && !m.mine) void markRead(m.peer);
}

/** Receipts can beat the send's ack, so the ids are kept until the message shows up with its server id. */
const deliveredIds = new Set<string>();

function delivered(peer: string | undefined, id: string | undefined): void {
  if (!id) return;
  deliveredIds.add(id);
  for (const m of (peer && state.messages[peer]) || []) if (m.id === id) m.delivered = true;
}

function recalled(peer: string, id: string): void {
  for (const m of state.messages[peer] ?? []) if (m.id === id) m.recalled = true;
  const c = state.convs[peer];
  if (c?.last?.id === id) c.last = { ...c.last, recalled: true };
}

export async function register(appKey: string, username: string, password: string): Promise<void> {
  await connection(appKey).registerUser({ username, password });
}

/** The tab's login survives a reload (sessionStorage: gone when the tab closes). */
const SAVED = 'pigeon:demo:session';

export async function login(appKey: string, username: string, password: string): Promise<void> {
  const c = connection(appKey);
  const { accessToken } = await c.open({ user: username, pwd: password });
  sessionStorage.setItem(SAVED, JSON.stringify({ appKey, user: c.user, accessToken }));
  state.me = c.user;
  await loadConversations();
}

/** Logs in again with the token saved by this tab, if any; false when there is none or it is refused. */
export async function resume(): Promise<boolean> {
  const saved = sessionStorage.getItem(SAVED);
  if (!saved) return false;
  try {
    const { appKey, user, accessToken } = JSON.parse(saved) as { appKey: string; user: string; accessToken: string };
    const c = connection(appKey);
    await c.open({ user, accessToken });
    state.me = c.user;
    await loadConversations();
    return true;
  } catch {
    sessionStorage.removeItem(SAVED);
    return false;
  }
}

/** Total unread, for the tab title. */
export const totalUnread = (): number => Object.values(state.convs).reduce((n, c) => n + c.unread, 0);

export async function logout(): Promise<void> {
  sessionStorage.removeItem(SAVED);
  await conn?.close();
  Object.assign(state, {
    me: '',
    online: false,
    notice: '',
    convs: {},
    messages: {},
    cursors: {},
    peerRead: {},
    open: '',
  });
}

export async function loadConversations(): Promise<void> {
  const res = await conn!.getServerConversations({ pageSize: 50 });
  for (const item of res.data.conversations) {
    if (item.conversationType !== 'singleChat') continue;
    state.convs[item.conversationId] = toConv(item, state.me);
  }
}

export async function openChat(peer: string): Promise<void> {
  state.open = peer;
  state.convs[peer] ??= { peer, last: null, unread: 0, time: Date.now() };
  if (state.cursors[peer] === undefined) await loadOlder(peer);
  if (state.convs[peer]!.unread > 0) await markRead(peer);
}

/** One page of history before what is loaded (getHistoryMessages, newest first). */
export async function loadOlder(peer: string): Promise<void> {
  const cursor = state.cursors[peer];
  if (cursor === null) return;
  const res = await conn!.getHistoryMessages({ targetId: peer, chatType: 'singleChat', pageSize: 20, cursor });
  let list = state.messages[peer] ?? [];
  for (const m of res.messages) list = upsert(list, toMsg(m, state.me));
  state.messages[peer] = list;
  state.cursors[peer] = res.isLast ? null : (res.cursor ?? null);
}

async function markRead(peer: string): Promise<void> {
  const c = state.convs[peer];
  if (c) c.unread = 0;
  await conn!.send(SDK.message.create({ type: 'channel', chatType: 'singleChat', to: peer })).catch(() => undefined);
}

async function send(peer: string, draft: ChatMessage): Promise<void> {
  const pending: Msg = { ...toMsg({ ...draft, from: state.me, conversationId: peer }, state.me), status: 'sending' };
  state.messages[peer] = upsert(state.messages[peer] ?? [], pending);
  try {
    const res = await conn!.send(draft);
    const sent = toMsg(res.message!, state.me);
    state.messages[peer] = upsert(
      (state.messages[peer] ?? []).filter((m) => m.id !== pending.id),
      sent,
    );
    touch(sent, 0);
  } catch (e) {
    pending.status = 'failed';
    state.messages[peer] = upsert(state.messages[peer] ?? [], { ...pending });
    throw e;
  }
}

export const sendText = (peer: string, text: string) =>
  send(peer, SDK.message.create({ type: 'txt', chatType: 'singleChat', to: peer, msg: text }));

export const sendImage = (peer: string, url: string) =>
  send(peer, SDK.message.create({ type: 'img', chatType: 'singleChat', to: peer, url }));

export async function recall(m: Msg): Promise<void> {
  await conn!.recallMessage({ mid: m.id, to: m.peer, chatType: 'singleChat' });
  recalled(m.peer, m.id);
}
