/** What a scenario sees of a connected client, whatever the server behind it. */

export type EventHandler = (ev: string, d: unknown, atMs: number) => void;

export interface BenchClient {
  /** One request, one reply (docs/protocol.md); rejects with ReplyError on an error reply. */
  request<T = unknown>(op: string, d?: unknown): Promise<T>;
  /** Server-pushed events; `atMs` is performance.now() when the frame was read. */
  onEvent: EventHandler;
  /**
   * When set, `msg` pushes skip onEvent and only their cid is read (no JSON parse): the fan-out
   * scenarios' generator reads ~10^5 pushes a second and needs nothing else of them.
   */
  onMsgCid?: (cid: string, atMs: number) => void;
  /** Resolves with the close code when the connection ends, for whatever reason. */
  readonly closed: Promise<number>;
  close(): void;
  terminate(): void;
}

export interface WireErrorLike {
  name: string;
  code: number;
  message: string;
  retryAfterMs?: number;
}

export class ReplyError extends Error {
  readonly wire: WireErrorLike;
  constructor(wire: WireErrorLike) {
    super(`${wire.name} (${wire.code}): ${wire.message}`);
    this.name = 'ReplyError';
    this.wire = wire;
  }
}

/** The push of a message as the generator needs it (a subset of @pigeon/protocol's Message). */
export interface PushedMessage {
  cid: string;
  conv: string;
  from: string;
  to: string;
  seq: number;
}

/** The reply to msg.send (SendAck). */
export interface SendAck {
  id: string;
  cid: string;
  conv: string;
  seq: number;
}

export const errorName = (err: unknown): string =>
  err instanceof ReplyError ? err.wire.name : err instanceof Error ? err.message.slice(0, 60) : String(err);
