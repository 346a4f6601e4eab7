// @ts-check
/* global wx */
/**
 * The app's one Pigeon connection and a little state around it, shared by the pages. The SDK
 * handles the platform for you: at most 5 sockets (it refuses a 6th with SOCKET_LIMIT instead of
 * failing silently), reconnect on network loss, and a check on every onShow, since WeChat closes
 * sockets about 5 s after the app goes to the background.
 */
import SDK from './sdk/pigeon-wechat';
import { config } from './config';

/** @typedef {import('@pigeon/sdk/wechat').TextMessage} TextMessage */
/** @typedef {import('@pigeon/sdk/wechat').ChatMessage} ChatMessage */
/** @typedef {InstanceType<typeof SDK.connection>} Connection */

/** @type {Connection | undefined} */
let conn;
/** @type {Set<(m: ChatMessage) => void>} */
const listeners = new Set();

/** @returns {Connection} */
function connection() {
  if (conn) return conn;
  conn = new SDK.connection({ appKey: config.appKey, url: config.url, apiUrl: config.apiUrl });
  conn.addEventHandler('demo', {
    onMessage: (msgs) => msgs.forEach((m) => listeners.forEach((cb) => cb(m))),
    onDisconnected: (err) => {
      if (err && err.type === 'KICKED') wx.showToast({ title: 'Logged in elsewhere', icon: 'none' });
    },
  });
  return conn;
}

/**
 * @param {string} user
 * @param {string} pwd
 */
export async function login(user, pwd) {
  await connection().open({ user, pwd });
  wx.setStorageSync('pigeon:lastUser', user);
}

/** Resolves once the socket is really closed, so the next user can log in at once. */
export async function logout() {
  if (conn) await conn.close();
}

export const me = () => (conn ? conn.user : '');

export async function conversations() {
  const res = await connection().getServerConversations({ pageSize: 50 });
  return res.data ? res.data.conversations : [];
}

/** @param {string} peer */
export async function history(peer) {
  const page = await connection().getHistoryMessages({ targetId: peer, chatType: 'singleChat', pageSize: 30 });
  return page.messages.slice().reverse(); // newest first from the server; oldest first on screen
}

/**
 * @param {string} peer
 * @param {string} text
 */
export async function sendText(peer, text) {
  const msg = SDK.message.create({ type: 'txt', chatType: 'singleChat', to: peer, msg: text });
  const res = await connection().send(msg);
  return res.message;
}

/**
 * A voice note or a photo: the SDK uploads the temp file (progress through wx.uploadFile's
 * UploadTask), then sends the message with the file's url and secret.
 * @param {string} peer
 * @param {{ type: 'audio' | 'img', path: string, seconds?: number }} media
 * @param {(percent: number) => void} [onProgress]
 */
export async function sendMedia(peer, media, onProgress) {
  const msg = SDK.message.create({
    type: media.type,
    chatType: 'singleChat',
    to: peer,
    file: media.path,
    ...(media.seconds === undefined ? {} : { length: media.seconds }),
    onFileUploadProgress: (e) => onProgress?.(Math.round((e.loaded / e.total) * 100)),
  });
  const res = await connection().send(msg);
  return res.message;
}

/**
 * A URL <image> and InnerAudioContext can open by themselves (they cannot send headers): the
 * file's secret goes in the query, as Easemob documents.
 * @param {{ url?: string, secret?: string }} m
 * @param {boolean} [thumbnail]
 */
export const mediaUrl = (m, thumbnail = false) =>
  m.url ? SDK.utils.getDownloadUrl({ url: m.url, secret: m.secret, thumbnail }) : '';

/**
 * @param {(m: ChatMessage) => void} cb
 * @returns {() => void} unsubscribe
 */
export function onMessage(cb) {
  listeners.add(cb);
  return () => listeners.delete(cb);
}
