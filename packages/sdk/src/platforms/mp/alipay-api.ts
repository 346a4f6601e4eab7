/// <reference types="@mini-types/my/types/lib.my.d.ts" />
/**
 * The part of Alipay's `my` Pigeon uses, typed by @mini-types/alipay, and the old single-socket
 * API (global my.onSocketOpen/onSocketMessage/..., base libraries without `multiple`) dressed
 * as a SocketTask so the rest of the adapter has one shape to handle.
 */
import type { MpSocketTask } from './socket.js';

export type MyApi = Pick<
  typeof my,
  | 'connectSocket'
  | 'sendSocketMessage'
  | 'closeSocket'
  | 'onSocketOpen'
  | 'offSocketOpen'
  | 'onSocketMessage'
  | 'offSocketMessage'
  | 'onSocketClose'
  | 'offSocketClose'
  | 'onSocketError'
  | 'offSocketError'
  | 'request'
  | 'uploadFile'
  | 'downloadFile'
  | 'getStorageSync'
  | 'setStorageSync'
  | 'removeStorageSync'
  | 'onNetworkStatusChange'
  | 'offNetworkStatusChange'
  | 'onAppShow'
  | 'onAppHide'
>;

export type AlipaySocketTask = my.SocketTask;

type Cb = (res?: unknown) => void;

/** The global socket callbacks as a task; they are removed once this socket has closed. */
export function legacyTask(api: MyApi): MpSocketTask {
  const offs: Array<() => void> = [];
  const bind = (on: (cb: Cb) => void, off: (cb: Cb) => void, cb: (res: unknown) => void, last = false) => {
    const wrapped: Cb = (res) => {
      if (last) for (const o of offs.splice(0)) o();
      cb(res);
    };
    on(wrapped);
    offs.push(() => off(wrapped));
  };
  return {
    onOpen: (cb) =>
      bind(
        (c) => api.onSocketOpen(c),
        (c) => api.offSocketOpen(c),
        cb,
      ),
    onMessage: (cb) =>
      bind(
        (c) => api.onSocketMessage(c),
        (c) => api.offSocketMessage(c),
        cb,
      ),
    onError: (cb) =>
      bind(
        (c) => api.onSocketError(c),
        (c) => api.offSocketError(c),
        cb,
      ),
    onClose: (cb) =>
      bind(
        (c) => api.onSocketClose(c),
        (c) => api.offSocketClose(c),
        cb,
        true,
      ),
    /** Binary frames arrive here already base64-encoded, flagged `isBuffer` (see ../alipay.ts). */
    send(o: { data: string | ArrayBuffer; isBuffer?: boolean; fail?(e: unknown): void }) {
      void api.sendSocketMessage({ data: String(o.data), isBuffer: o.isBuffer === true, fail: o.fail });
    },
    close(o) {
      void api.closeSocket({ code: o.code, reason: o.reason, fail: o.fail });
    },
    dispose() {
      for (const o of offs.splice(0)) o();
    },
  };
}
