/**
 * Builds a PlatformAdapter from a WeChat-shaped API object. WeChat, QQ, Baidu, ByteDance and
 * uni-app share the shape and differ in the details each platform file passes in: its socket
 * rule, whether off* takes a listener, and SocketTask quirks.
 */
import type { Platform as PlatformName } from '@pigeon/protocol';
import type { PlatformAdapter, SocketRule } from '../../core/platform.js';
import { FILE_TRANSFER } from './build-flags.js';
import { wxDownload, wxRequest, wxUpload, type WxLikeDownload, type WxLikeRequest, type WxLikeUpload } from './http.js';
import {
  listen,
  method,
  visibilityOf,
  wxStorage,
  type AppEvents,
  type Visibility,
  type WxLikeStorage,
} from './runtime.js';
import { taskSocket, type MpSocketTask, type TaskSocketOptions } from './socket.js';

type NetworkListener = (res: { isConnected: boolean }) => void;

export interface WxLikeApi extends WxLikeRequest, Partial<WxLikeUpload & WxLikeDownload & WxLikeStorage>, AppEvents {
  connectSocket(o: {
    url: string;
    success?(res: unknown): void;
    fail?(err: unknown): void;
    complete?(res: unknown): void;
  }): MpSocketTask | undefined | void;
  onNetworkStatusChange?(cb: NetworkListener): void;
  offNetworkStatusChange?(cb: (res: unknown) => void): void;
}

export interface WxLikeOptions {
  name: PlatformName;
  rule: SocketRule;
  /** False where off* ignores its argument and removes every listener (Baidu). */
  offTakesListener?: boolean;
  socket?: TaskSocketOptions<MpSocketTask>;
}

/** A mini-program adapter, plus manual show/hide for frameworks that own the app lifecycle. */
export interface MpAdapter extends PlatformAdapter {
  readonly visibility: Visibility;
}

const adapters = new WeakMap<object, MpAdapter>();

/** One adapter per platform object, so every connection on it shares one socket count. */
export function memoAdapter<T extends object>(api: T, build: (api: T) => MpAdapter): MpAdapter {
  let a = adapters.get(api);
  if (!a) adapters.set(api, (a = build(api)));
  return a;
}

export function wxLikeAdapter(api: WxLikeApi, o: WxLikeOptions): MpAdapter {
  const { name } = o;
  const visibility = visibilityOf(api);
  const storage = api.getStorageSync && api.setStorageSync && api.removeStorageSync;
  return Object.freeze({
    name,
    socketRule: Object.freeze({ ...o.rule }),
    scope: api,
    visibility,
    connect: (url, handlers) =>
      taskSocket(
        // uni-app returns a SocketTask only when a callback is passed.
        (cb) => api.connectSocket({ url, success: cb.success, fail: cb.fail, complete: () => undefined }),
        handlers,
        o.socket,
      ),
    request: (req) => wxRequest(api, name, req),
    // FILE_TRANSFER: false in the core-chat builds, which have no files feature to call these.
    upload: FILE_TRANSFER && api.uploadFile ? (req) => wxUpload(api as WxLikeUpload, name, req) : undefined,
    download: FILE_TRANSFER && api.downloadFile ? (req) => wxDownload(api as WxLikeDownload, name, req) : undefined,
    storage: storage ? wxStorage(api as WxLikeStorage) : undefined,
    onNetworkChange: api.onNetworkStatusChange
      ? (cb: (online: boolean) => void) =>
          listen(
            method(api, 'onNetworkStatusChange'),
            o.offTakesListener === false ? undefined : method(api, 'offNetworkStatusChange'),
            (res: { isConnected: boolean }) => cb(res.isConnected),
          )
      : undefined,
    onAppShow: (cb: () => void) => visibility.onShow(cb),
    onAppHide: (cb: () => void) => visibility.onHide(cb),
  } satisfies MpAdapter);
}
