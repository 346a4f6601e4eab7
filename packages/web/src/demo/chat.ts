/**
 * The demo's one connection and its state: 1:1, group and chatroom conversations with unread counts,
 * loaded messages per conversation, and how far each 1:1 peer has read (for "Read" under my messages).
 * Friends and profiles live in contacts.ts, typing in typing.ts, chatrooms in rooms.ts.
 */
import SDK, { getDownloadUrl, type ChatMessage, type PigeonError } from '@pigeon/sdk/web';
import { reactive } from 'vue';
import { displayName, installContacts, loadContacts, loadProfiles, resetContacts } from './contacts';
import { isGroup, isRoom, keyOf, safeUrl, targetOf, toConv, toMsg, upsert } from './model';
import type { Conv, ConvKey, Msg } from './model';
import { installTyping, resetTyping } from './typing';
import { audioSeconds } from './media';

type Connection = InstanceType<typeof SDK.connection>;

export const state = reactive({
  me: '',
  appKey: 'pigeon#demo',
  online: false,
  notice: '',
  convs: {} as Record<ConvKey, Conv>,
  messages: {} as Record<ConvKey, Msg[]>,
  /** Next history cursor per conversation: undefined = not loaded, null = start reached. */
  cursors: {} as Record<ConvKey, string | null | undefined>,
  peerRead: {} as Record<ConvKey, number>,
  groupNames: {} as Record<string, string>,
  roomNames: {} as Record<string, string>,
  open: '' as ConvKey,
});

let conn: Connection | undefined;

/** The logged-in connection (for the feature modules: rooms.ts). */
export const current = (): Connection => conn!;

/** What a conversation is called: the peer's nickname or name, or the group's or room's name. */
export function titleOf(key: ConvKey): string {
  if (isGroup(key)) return state.groupNames[key.slice(2)] ?? key.slice(2);
  if (isRoom(key)) return state.roomNames[key.slice(2)] ?? key.slice(2);
  return displayName(key);
}

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
    onChannelMessage: (r) => r.chatType === 'singleChat' && read(r.conversationId, r.readSeq),
    onReadMessage: (r) => r.chatType === 'singleChat' && read(r.conversationId, r.readSeq),
    onRecallMessage: (r) => recalled(keyOf(r.chatType, r.conversationId), r.mid),
    onDeliveredMessage: (d) => delivered(d.conversationId, d.mid),
    onGroupEvent: (e) => void groupEvent(e.operation, e.id, e.userId),
  });
  installContacts(conn);
  installTyping(conn);
  return conn;
}

function read(peer: string | undefined, readSeq: number | undefined): void {
  if (peer && readSeq !== undefined) state.peerRead[peer] = Math.max(state.peerRead[peer] ?? 0, readSeq);
}

/** Receipts can beat the send's ack, so the ids are kept until the message shows up with its server id. */
const deliveredIds = new Set<string>();

function delivered(peer: string | undefined, id: string | undefined): void {
  if (!id) return;
  deliveredIds.add(id);
  for (const m of (peer && state.messages[peer]) || []) if (m.id === id) m.delivered = true;
}

function touch(m: Msg, unread: number): void {
  const c = (state.convs[m.key] ??= { key: m.key, last: null, unread: 0, time: 0 });
  if (!c.last || m.seq >= c.last.seq) c.last = m;
  c.time = Math.max(c.time, m.time);
  c.unread += unread;
}

function received(em: ChatMessage): void {
  const m = toMsg(em, state.me);
  if (!m.mine) void loadProfiles([m.from]);
  if (state.messages[m.key]) state.messages[m.key] = upsert(state.messages[m.key]!, m);
  const looking = state.open === m.key && document.visibilityState === 'visible';
  touch(m, m.mine || looking ? 0 : 1);
  if (looking && !m.mine) void markRead(m.key);
}

function recalled(key: ConvKey, id: string): void {
  for (const m of state.messages[key] ?? []) if (m.id === id) m.recalled = true;
  const c = state.convs[key];
  if (c?.last?.id === id) c.last = { ...c.last, recalled: true };
}

/** Groups appear in the list as soon as the user is in them, and go when dissolved or left. */
async function groupEvent(op: string, groupId: string, user: string | undefined): Promise<void> {
  const key = keyOf('groupChat', groupId);
  const gone = op === 'destroy' || (op === 'removeMember' && (!user || user === state.me));
  if (gone) {
    delete state.convs[key];
    if (state.open === key) state.open = '';
    return;
  }
  if (op === 'create' || op === 'directJoined' || op === 'acceptInvite' || op === 'memberPresence') {
    await loadGroupNames();
    state.convs[key] ??= { key, last: null, unread: 0, time: Date.now() };
  }
}

export async function register(appKey: string, username: string, password: string): Promise<void> {
  await connection(appKey).registerUser({ username, password });
}

/** The tab's login survives a reload (sessionStorage: gone when the tab closes). */
const SAVED = 'pigeon:demo:session';

async function start(c: Connection): Promise<void> {
  state.me = c.user;
  await Promise.all([loadConversations(), loadGroupNames(), loadContacts()]);
  await loadProfiles([c.user, ...Object.keys(state.convs)]);
}

export async function login(appKey: string, username: string, password: string): Promise<void> {
  const c = connection(appKey);
  const { accessToken } = await c.open({ user: username, pwd: password });
  sessionStorage.setItem(SAVED, JSON.stringify({ appKey, user: c.user, accessToken }));
  await start(c);
}

/** Logs in again with the token saved by this tab, if any; false when there is none or it is refused. */
export async function resume(): Promise<boolean> {
  const saved = sessionStorage.getItem(SAVED);
  if (!saved) return false;
  try {
    const { appKey, user, accessToken } = JSON.parse(saved) as { appKey: string; user: string; accessToken: string };
    const c = connection(appKey);
    await c.open({ user, accessToken });
    await start(c);
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
    groupNames: {},
    roomNames: {},
    open: '',
  });
  resetContacts();
  resetTyping();
}

export async function loadConversations(): Promise<void> {
  const res = await conn!.getServerConversations({ pageSize: 50 });
  for (const item of res.data.conversations) {
    if (item.conversationType === 'chatRoom') continue;
    const c = toConv(item, state.me);
    state.convs[c.key] = c;
  }
}

async function loadGroupNames(): Promise<void> {
  const res = await conn!.getJoinedGroups({ pageSize: 500 });
  for (const g of res.data as { groupid: string; groupname: string }[]) state.groupNames[g.groupid] = g.groupname;
}

export async function openChat(key: ConvKey): Promise<void> {
  state.open = key;
  state.convs[key] ??= { key, last: null, unread: 0, time: Date.now() };
  if (state.cursors[key] === undefined) await loadOlder(key);
  if (state.convs[key]!.unread > 0) await markRead(key);
}

/** One page of history before what is loaded (getHistoryMessages, newest first). */
export async function loadOlder(key: ConvKey): Promise<void> {
  const cursor = state.cursors[key];
  if (cursor === null) return;
  const { to, chatType } = targetOf(key);
  const res = await conn!.getHistoryMessages({ targetId: to, chatType, pageSize: 20, cursor });
  let list = state.messages[key] ?? [];
  for (const m of res.messages) list = upsert(list, toMsg(m, state.me));
  state.messages[key] = list;
  state.cursors[key] = res.isLast ? null : (res.cursor ?? null);
}

async function markRead(key: ConvKey): Promise<void> {
  const c = state.convs[key];
  if (c) c.unread = 0;
  if (isRoom(key)) return; // chatrooms keep no read position
  const { to, chatType } = targetOf(key);
  await conn!.send(SDK.message.create({ type: 'channel', chatType, to })).catch(() => undefined);
}

async function send(key: ConvKey, draft: ChatMessage): Promise<void> {
  const { to } = targetOf(key);
  const pending: Msg = { ...toMsg({ ...draft, from: state.me, conversationId: to }, state.me), status: 'sending' };
  state.messages[key] = upsert(state.messages[key] ?? [], pending);
  try {
    const res = await conn!.send(draft);
    const sent = toMsg(res.message!, state.me);
    sent.delivered = deliveredIds.has(sent.id);
    state.messages[key] = upsert(
      (state.messages[key] ?? []).filter((m) => m.id !== pending.id),
      sent,
    );
    touch(sent, 0);
  } catch (e) {
    pending.status = 'failed';
    state.messages[key] = upsert(state.messages[key] ?? [], { ...pending });
    throw e;
  }
}

export const sendText = (key: ConvKey, text: string) =>
  send(key, SDK.message.create({ type: 'txt', ...targetOf(key), msg: text }));

/** A text that failed (not friends yet, offline): sent again as a new message, in place of the failed one. */
export async function resendText(m: Msg): Promise<void> {
  state.messages[m.key] = (state.messages[m.key] ?? []).filter((x) => x.id !== m.id);
  await sendText(m.key, m.text);
}

export const sendImage = (key: ConvKey, url: string) =>
  send(key, SDK.message.create({ type: 'img', ...targetOf(key), url }));

/** Uploads the picked image to the server (POST chatfiles through the SDK), then sends it. */
export const sendImageFile = (key: ConvKey, file: File) =>
  send(key, SDK.message.create({ type: 'img', ...targetOf(key), file, filename: file.name }));

/**
 * Any other file: a voice file (audio/*) becomes a voice message with its length (read by the browser;
 * the server checks it against the bytes where it can), anything else a file message.
 */
export async function sendFile(key: ConvKey, file: File, seconds?: number): Promise<void> {
  const common = { ...targetOf(key), file, filename: file.name };
  if (!file.type.startsWith('audio/')) return send(key, SDK.message.create({ type: 'file', ...common }));
  const length = seconds ?? (await audioSeconds(file));
  return send(key, SDK.message.create({ type: 'audio', ...common, ...(length ? { length } : {}) }));
}

/** What an <img>, <audio> or link can load: the secret goes in the query for files stored by Pigeon. */
export const imageSrc = (m: Msg): string => {
  const url = safeUrl(m.url);
  return url && m.secret ? getDownloadUrl({ url, secret: m.secret }) : url;
};

export async function recall(m: Msg): Promise<void> {
  await conn!.recallMessage({ mid: m.id, ...targetOf(m.key) });
  recalled(m.key, m.id);
}

/** A new group with the given members (who join at once); it opens right away. */
export async function createGroup(name: string, members: string[]): Promise<void> {
  const res = await conn!.createGroup({
    data: { groupname: name, members, public: false, approval: false, allowinvites: true, inviteNeedConfirm: false },
  });
  state.groupNames[res.data.groupid] = name;
  await openChat(keyOf('groupChat', res.data.groupid));
}
