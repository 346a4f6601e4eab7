// @ts-check
/* global wx, Page */
import { conversations, logout, me, onMessage } from '../../im';

/** @typedef {{ id: string, preview: string, unread: number, time: string }} Row */

/** @type {Row[]} */
const noRows = [];

Page({
  data: { me: '', rows: noRows, peer: '' },
  /** @type {(() => void) | undefined} */
  off: undefined,

  onShow() {
    this.setData({ me: me() });
    void this.refresh();
    this.off = onMessage(() => void this.refresh());
  },

  onHide() {
    this.off?.();
  },

  onUnload() {
    this.off?.();
  },

  async refresh() {
    const list = await conversations();
    const rows = list.map((c) => ({
      id: c.conversationId,
      preview:
        c.lastMessage && c.lastMessage.type === 'txt'
          ? c.lastMessage.msg
          : c.lastMessage
            ? `[${c.lastMessage.type}]`
            : '',
      unread: c.unReadCount,
      time: new Date(c.time).toLocaleTimeString(),
    }));
    this.setData({ rows });
  },

  /** @param {WechatMiniprogram.Input} e */
  onPeer(e) {
    this.setData({ peer: e.detail.value });
  },

  /** @param {WechatMiniprogram.BaseEvent} e */
  open(e) {
    const id = String(e.currentTarget.dataset.id || this.data.peer).trim();
    if (id) wx.navigateTo({ url: `/pages/chat/chat?peer=${encodeURIComponent(id)}` });
  },

  async onLogout() {
    await logout();
    wx.reLaunch({ url: '/pages/login/login' });
  },
});
