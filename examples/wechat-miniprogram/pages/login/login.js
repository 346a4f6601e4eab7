// @ts-check
/* global wx, Page */
import { login } from '../../im';

Page({
  data: { user: '', pwd: '', busy: false, error: '' },

  /** @param {Record<string, string | undefined>} query */
  onLoad(query) {
    if (query.user) this.setData({ user: decodeURIComponent(query.user) });
  },

  /** @param {WechatMiniprogram.Input} e */
  onUser(e) {
    this.setData({ user: e.detail.value });
  },

  /** @param {WechatMiniprogram.Input} e */
  onPwd(e) {
    this.setData({ pwd: e.detail.value });
  },

  async onLogin() {
    this.setData({ busy: true, error: '' });
    try {
      await login(this.data.user.trim(), this.data.pwd);
      wx.redirectTo({ url: '/pages/conversations/conversations' });
    } catch (e) {
      // PigeonError: a stable `type` (AUTH_FAILED, NETWORK, SOCKET_LIMIT, ...) and a readable message.
      this.setData({ error: e instanceof Error ? e.message : String(e) });
    } finally {
      this.setData({ busy: false });
    }
  },
});
