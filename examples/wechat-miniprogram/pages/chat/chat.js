// @ts-check
/* global wx, Page */
import { history, me, onMessage, sendText } from '../../im';

/** @typedef {{ id: string, mine: boolean, text: string }} Bubble */
/** @param {import('../../im').ChatMessage} m @returns {Bubble} */
const bubble = (m) => ({ id: m.id, mine: m.from === me(), text: m.type === 'txt' ? m.msg : `[${m.type}]` });

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

  async onSend() {
    const text = this.data.draft.trim();
    if (!text) return;
    this.setData({ draft: '' });
    // Resolves once the server committed the message; while reconnecting it waits in the outbox.
    const sent = await sendText(this.data.peer, text);
    if (sent) this.append(bubble(sent));
  },
});
