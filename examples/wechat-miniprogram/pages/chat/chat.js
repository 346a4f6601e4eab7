// @ts-check
/* global wx, Page */
import { history, me, mediaUrl, onMessage, sendMedia, sendText } from '../../im';

/** @typedef {{ id: string, mine: boolean, text: string, image?: string, voice?: string }} Bubble */
/** @param {import('../../im').ChatMessage} m @returns {Bubble} */
function bubble(m) {
  const b = { id: m.id, mine: m.from === me(), text: m.type === 'txt' ? m.msg : `[${m.type}]` };
  if (m.type === 'img') return { ...b, text: '', image: mediaUrl(m, true) };
  if (m.type === 'audio') return { ...b, text: `▶ ${m.length ?? '?'}″`, voice: mediaUrl(m) };
  return b;
}

// Record -> send -> play: the recorder's temp file is the audio message's `file`.
const recorder = wx.getRecorderManager();
const player = wx.createInnerAudioContext();

/** @type {Bubble[]} */
const noBubbles = [];

Page({
  data: { peer: '', bubbles: noBubbles, draft: '', bottom: '' },
  /** @type {(() => void) | undefined} */
  off: undefined,

  /** @param {Record<string, string | undefined>} query */
  async onLoad(query) {
    const peer = decodeURIComponent(query.peer || '');
    this.setData({ peer });
    wx.setNavigationBarTitle({ title: peer });
    this.off = onMessage((m) => {
      if (m.conversationId === peer) this.append(bubble(m));
    });
    const past = await history(peer);
    this.setData({ bubbles: past.map(bubble).concat(this.data.bubbles) });
  },

  onUnload() {
    this.off?.();
  },

  /** @param {Bubble} b */
  append(b) {
    if (this.data.bubbles.some((x) => x.id === b.id)) return;
    this.setData({ bubbles: this.data.bubbles.concat(b), bottom: `b-${b.id}` });
  },

  /** @param {WechatMiniprogram.Input} e */
  onDraft(e) {
    this.setData({ draft: e.detail.value });
  },

  onTalkStart() {
    recorder.onStop(async (r) => {
      const sent = await sendMedia(this.data.peer, {
        type: 'audio',
        path: r.tempFilePath,
        seconds: Math.round(r.duration / 1000),
      });
      if (sent) this.append(bubble(sent));
    });
    recorder.start({ format: 'mp3', duration: 60_000 });
  },

  onTalkEnd() {
    recorder.stop();
  },

  /** @param {WechatMiniprogram.BaseEvent} e */
  onPlay(e) {
    player.src = String(e.currentTarget.dataset.src);
    player.play();
  },

  async onPhoto() {
    const picked = await wx.chooseMedia({ count: 1, mediaType: ['image'] });
    const path = picked.tempFiles[0]?.tempFilePath;
    if (!path) return;
    const sent = await sendMedia(this.data.peer, { type: 'img', path }, (p) => wx.showLoading({ title: `${p}%` }));
    wx.hideLoading();
    if (sent) this.append(bubble(sent));
  },

  async onSend() {
    const text = this.data.draft.trim();
    if (!text) return;
    this.setData({ draft: '' });
    // Resolves once the server committed the message; while reconnecting it waits in the outbox.
    const sent = await sendText(this.data.peer, text);
    if (sent) this.append(bubble(sent));
  },
});
