// @ts-check
/* global wx, App */
/** The SDK listens to wx.onAppShow/onAppHide itself; the App needs no lifecycle code for IM. */
App({
  onLaunch() {
    const user = wx.getStorageSync('pigeon:lastUser');
    if (user) wx.reLaunch({ url: `/pages/login/login?user=${encodeURIComponent(String(user))}` });
  },
});
