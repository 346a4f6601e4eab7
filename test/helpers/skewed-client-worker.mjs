// A Pigeon SDK client in a worker thread whose Date runs `offsetMs` off the real clock: a device with
// a wrong clock, while the server and the other clients (other threads) keep the right time. Plain
// JavaScript on the built SDK (packages/sdk/dist), since a worker does not go through vitest.
import { parentPort, workerData } from 'node:worker_threads';

const { offsetMs, options, login } = workerData;
const RealDate = Date;
class SkewedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + offsetMs);
    else super(...args);
  }
  static now() {
    return RealDate.now() + offsetMs;
  }
}
globalThis.Date = SkewedDate;

const { default: SDK } = await import('@pigeon/sdk');
const wire = (e) => ({ type: e?.type, code: e?.code, message: e?.message });
const conn = new SDK.connection({ ...options, platform: 'node' });
conn.addEventHandler('skewed', {
  onTextMessage: (m) =>
    parentPort.postMessage({
      kind: 'text',
      m: { id: m.id, from: m.from, to: m.to, seq: m.seq, msg: m.msg, time: m.time },
    }),
  onTokenWillExpire: () => parentPort.postMessage({ kind: 'event', name: 'onTokenWillExpire' }),
  onTokenExpired: () => parentPort.postMessage({ kind: 'event', name: 'onTokenExpired' }),
  onDisconnected: () => parentPort.postMessage({ kind: 'event', name: 'onDisconnected' }),
});

parentPort.on('message', async (req) => {
  try {
    if (req.op === 'send') {
      const msg = SDK.message.create({ type: 'txt', chatType: req.chatType, to: req.to, msg: req.msg });
      const r = await conn.send(msg);
      parentPort.postMessage({ id: req.id, ok: { serverMsgId: r.serverMsgId, seq: r.message.seq, time: msg.time } });
    } else if (req.op === 'now') {
      parentPort.postMessage({ id: req.id, ok: Date.now() });
    } else if (req.op === 'close') {
      await conn.close();
      parentPort.postMessage({ id: req.id, ok: true });
    }
  } catch (e) {
    parentPort.postMessage({ id: req.id, err: wire(e) });
  }
});

try {
  await conn.open(login);
  parentPort.postMessage({ kind: 'open' });
} catch (e) {
  parentPort.postMessage({ kind: 'open', err: wire(e) });
}
