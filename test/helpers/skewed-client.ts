/**
 * An SDK client whose clock is wrong by `offsetMs` (a worker thread with its own Date), driven from
 * the test: send, read what it received, close. See skewed-client-worker.mjs.
 */
import { Worker } from 'node:worker_threads';

export interface SkewedGot {
  id: string;
  from: string;
  to: string;
  seq: number;
  msg: string;
  time: number;
}
export interface WireError {
  type: string;
  code: number;
  message: string;
}
export interface SkewedClient {
  /** The error open() failed with, if it did. */
  readonly openError?: WireError;
  readonly received: SkewedGot[];
  readonly events: string[];
  send(
    to: string,
    msg: string,
    chatType?: 'singleChat' | 'groupChat',
  ): Promise<{ serverMsgId: string; seq: number; time: number }>;
  /** Date.now() as the skewed client sees it. */
  now(): Promise<number>;
  close(): Promise<void>;
}

export interface SkewedOptions {
  offsetMs: number;
  /** SDK connection options (appKey, url, apiUrl, ...). */
  options: Record<string, unknown>;
  login: { user: string; pwd?: string; accessToken?: string };
}

type Reply = { id?: number; ok?: unknown; err?: WireError; kind?: string; m?: SkewedGot; name?: string };

export async function skewedClient(o: SkewedOptions): Promise<SkewedClient> {
  const worker = new Worker(new URL('./skewed-client-worker.mjs', import.meta.url), { workerData: o });
  const received: SkewedGot[] = [];
  const events: string[] = [];
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>();
  let next = 0;
  let openError: WireError | undefined;
  let closing: Promise<void> | undefined;
  worker.on('exit', () => {
    for (const w of waiting.values()) w.reject(new Error('the skewed client has stopped'));
    waiting.clear();
  });
  const opened = new Promise<void>((resolve, reject) => {
    worker.on('error', reject);
    worker.on('message', (r: Reply) => {
      if (r.kind === 'open') {
        openError = r.err;
        resolve();
      } else if (r.kind === 'text') received.push(r.m!);
      else if (r.kind === 'event') events.push(r.name!);
      else if (r.id !== undefined) {
        const w = waiting.get(r.id);
        waiting.delete(r.id);
        if (r.err) w?.reject(Object.assign(new Error(r.err.message), r.err));
        else w?.resolve(r.ok);
      }
    });
  });
  const call = <T>(req: Record<string, unknown>) =>
    new Promise<T>((resolve, reject) => {
      const id = ++next;
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ ...req, id });
    });
  await opened;
  return {
    get openError() {
      return openError;
    },
    received,
    events,
    send: (to, msg, chatType = 'singleChat') => call({ op: 'send', to, msg, chatType }),
    now: () => call<number>({ op: 'now' }),
    close() {
      closing ??= call({ op: 'close' })
        .catch(() => undefined)
        .then(() => worker.terminate())
        .then(() => undefined);
      return closing;
    },
  };
}
