/**
 * Frame once, write many. A broadcast hands the same event text to every recipient's connection in
 * a row; `ws` would encode it and build a frame header per socket (two writes each). Here the text
 * becomes one complete WebSocket frame once, and each socket gets that one Buffer in one write.
 *
 * `ws` has no public "send a prepared frame" API, so FrameWriter writes to the upgraded socket under
 * it, which is safe only while ws's sender never holds frames back: no extension negotiated (the
 * gateway turns permessage-deflate off; with it, frames wait for zlib) and no Blob sends (Pigeon
 * sends strings and Buffers). Otherwise, or without the socket, it falls back to `ws.send`.
 * Either way frames leave in call order, and ws's bufferedAmount counts both.
 */
import type { Writable } from 'node:stream';
import type { WebSocket } from 'ws';

export interface PreparedText {
  /** The UTF-8 text alone (for the ws.send fallback). */
  readonly payload: Buffer;
  /** The whole frame: header and payload. */
  readonly frame: Buffer;
}

/** A final, unmasked text frame (RFC 6455 §5.2; a server's frames are never masked). */
export function textFrame(payload: Buffer): Buffer {
  const n = payload.length;
  const head = n < 126 ? 2 : n < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(head + n);
  frame[0] = 0x81; // FIN + opcode 1 (text)
  if (n < 126) frame[1] = n;
  else if (n < 65_536) {
    frame[1] = 126;
    frame.writeUInt16BE(n, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(n / 2 ** 32), 2);
    frame.writeUInt32BE(n >>> 0, 6);
  }
  payload.copy(frame, head);
  return frame;
}

let lastText: string | undefined;
let last: PreparedText | undefined;

/** The frame of `text`, built once for the run of sockets that get the same text in a row. */
export function prepareText(text: string): PreparedText {
  if (text !== lastText || !last) {
    const payload = Buffer.from(text, 'utf8');
    last = { payload, frame: textFrame(payload) };
    lastText = text;
  }
  return last;
}

/** Writes prepared frames to one connection: straight to its socket when that is safe, else ws.send. */
export class FrameWriter {
  readonly #ws: WebSocket;
  readonly #socket: Writable | undefined;

  constructor(ws: WebSocket, socket: Writable | undefined) {
    this.#ws = ws;
    this.#socket = socket && noExtensions(ws) ? socket : undefined;
  }

  /** Whether frames go straight to the socket (false: through ws.send). */
  get raw(): boolean {
    return this.#socket !== undefined;
  }

  write(p: PreparedText): void {
    if (this.#socket?.writable) this.#socket.write(p.frame);
    else this.#ws.send(p.payload, { binary: false });
  }
}

/** ws 8 gives the negotiated extensions as a string ('' for none); older versions as an object. */
function noExtensions(ws: WebSocket): boolean {
  const ext: unknown = ws.extensions;
  return ext === '' || (typeof ext === 'object' && ext !== null && Object.keys(ext).length === 0);
}
