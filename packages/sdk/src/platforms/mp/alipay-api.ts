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
type Phase = 'connecting' | 'open' | 'done';

/** How long after replacing a socket its close event may still arrive (it may come after the new one opened). */
const STALE_CLOSE_MS = 3000;

/** The live old-style socket per `my`: there is only ever one. */
const current = new WeakMap<object, { replace(): boolean }>();

/**
 * The global socket callbacks as a task. Alipay has ONE such socket: a new connectSocket closes
 * the old one, whose close event then reaches the global listeners after the new socket was
 * created; and my.closeSocket() closes whichever socket is current. So a replaced task reports
 * its own close at once, the new task skips the stale close that follows, and a replaced task's
 * close() never touches the new socket.
 */
export function legacyTask(api: MyApi): MpSocketTask {
  const h: Partial<Record<'open' | 'message' | 'error' | 'close', (res: unknown) => void>> = {};
  let phase: Phase = 'connecting';
  let skip = current.get(api)?.replace() ? 1 : 0;
  const since = Date.now();
  const listeners: Array<[(cb: Cb) => void, (cb: Cb) => void, Cb]> = [
    [api.onSocketOpen, api.offSocketOpen, () => phase === 'connecting' && ((phase = 'open'), h.open?.(undefined))],
    [api.onSocketMessage, api.offSocketMessage, (res) => phase === 'open' && h.message?.(res)],
    [api.onSocketError, api.offSocketError, (res) => phase !== 'done' && h.error?.(res)],
    [
      api.onSocketClose,
      api.offSocketClose,
      (res) => (skip > 0 && Date.now() - since < STALE_CLOSE_MS ? skip-- : finish(res)),
    ],
  ];
  const detach = () => listeners.forEach(([, off, cb]) => off.call(api, cb));
  function finish(res: unknown): void {
    if (phase === 'done') return;
    phase = 'done';
    detach();
    if (current.get(api) === me) current.delete(api);
    h.close?.(res);
  }
  const me = {
    replace: (): boolean => {
      const live = phase !== 'done';
      finish({ code: 1000, reason: 'replaced by a new socket' });
      return live;
    },
  };
  listeners.forEach(([on, , cb]) => on.call(api, cb));
  current.set(api, me);
  return {
    onOpen: (cb) => void (h.open = cb),
    onMessage: (cb) => void (h.message = cb),
    onError: (cb) => void (h.error = cb),
    onClose: (cb) => void (h.close = cb),
    /** Binary frames arrive here already base64-encoded, flagged `isBuffer` (see ../alipay.ts). */
    send(o: { data: string | ArrayBuffer; isBuffer?: boolean; fail?(e: unknown): void }) {
      if (current.get(api) !== me) return void o.fail?.({ errorMessage: 'socket already closed' });
      void api.sendSocketMessage({ data: String(o.data), isBuffer: o.isBuffer === true, fail: o.fail });
    },
    close(o) {
      if (current.get(api) !== me) return void o.fail?.({ errorMessage: 'socket already closed' });
      void api.closeSocket({ code: o.code, reason: o.reason, fail: o.fail });
    },
    dispose: detach,
  };
}
