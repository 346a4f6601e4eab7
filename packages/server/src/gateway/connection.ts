/**
 * One WebSocket connection: frame decoding, the auth handshake, request/one-reply, limits, and the
 * SessionLink the hub pushes through. Timeouts are enforced by the gateway's sweeper.
 */
import {
  CloseCodes,
  PigeonError,
  type AuthReply,
  type AuthRequest,
  type EventName,
  type Events,
  type Platform,
} from '@pigeon/protocol';
import type { Writable } from 'node:stream';
import type { RawData, WebSocket } from 'ws';
import { appLimits, uuid, type Core, type Logger, type SessionLink } from '../core/index.js';
import type { App } from '../core/types.js';
import type { PigeonConfig } from '../config.js';
import { decodeFrame, type DecodedRequest } from './decode-frame.js';
import { authenticate } from './ops/auth.js';
import { OP_HANDLERS } from './ops/handlers.js';
import { validateOpData } from './op-schemas.js';
import { FrameWriter, prepareText } from './prepared-frame.js';
import { TokenBucket } from './token-bucket.js';
import { corkForThisTurn } from './write-coalescer.js';

export interface ConnectionContext {
  core: Core;
  limits: PigeonConfig['limits'];
  closeTimeoutMs: number;
  logger: Logger;
  isDraining(): boolean;
}

type State = 'new' | 'authenticating' | 'ready' | 'closing';
const KEEP_OPEN_ON_AUTH_ERROR = new Set(['ALREADY_AUTHENTICATED', 'RATE_LIMITED']);

export class Connection implements SessionLink {
  readonly id = uuid();
  appId = '';
  user = '';
  deviceId = '';
  platform: Platform = 'other';
  readonly openedAt = Date.now();
  lastSeen = Date.now();
  #app: App | undefined;
  #state: State = 'new';
  readonly #ws: WebSocket;
  readonly #ctx: ConnectionContext;
  readonly #pending = new Set<number>();
  #badInARow = 0;
  #sends: TokenBucket;
  readonly #ops: TokenBucket;
  #killTimer: ReturnType<typeof setTimeout> | undefined;

  /** The upgraded TCP socket under `ws`, corked per turn of the event loop (write-coalescer.ts). */
  readonly #socket: Writable | undefined;
  /** Broadcast frames, built once for all recipients (prepared-frame.ts). */
  readonly #frames: FrameWriter;

  constructor(ws: WebSocket, ctx: ConnectionContext, onClosed: (c: Connection) => void, socket?: Writable) {
    this.#ws = ws;
    this.#socket = socket;
    this.#frames = new FrameWriter(ws, socket);
    this.#ctx = ctx;
    this.#sends = new TokenBucket(ctx.limits.sendsPerSecond);
    this.#ops = new TokenBucket(ctx.limits.opsPerSecond);
    ws.on('message', (data, isBinary) => this.#onMessage(data, isBinary));
    ws.on('error', (err) => ctx.logger.debug({ err, session: this.id }, 'socket error'));
    ws.on('close', () => {
      clearTimeout(this.#killTimer);
      this.#leave();
      this.#state = 'closing';
      onClosed(this);
    });
  }

  get isReady(): boolean {
    return this.#state === 'ready';
  }

  push<E extends EventName>(ev: E, d: Events[E]): void {
    this.#send({ ev, d });
  }

  pushFrame(text: string): void {
    if (!this.#writable()) return;
    this.#frames.write(prepareText(text));
    this.#checkBuffered();
  }

  close(code: number, reason: string): void {
    if (this.#state === 'closing') return;
    this.#leave();
    this.#state = 'closing';
    this.#ws.close(code, reason.slice(0, 120));
    this.#killTimer = setTimeout(() => this.#ws.terminate(), this.#ctx.closeTimeoutMs).unref();
  }

  #leave(): void {
    if (this.#state === 'ready') this.#ctx.core.hub.leave(this);
  }

  #send(frame: object): void {
    this.#sendText(JSON.stringify(frame));
  }

  #sendText(text: string): void {
    if (!this.#writable()) return;
    this.#ws.send(text, { binary: false });
    this.#checkBuffered();
  }

  /** Whether frames may still go out; if so, the socket is corked for this turn (write-coalescer.ts). */
  #writable(): boolean {
    if (this.#ws.readyState !== this.#ws.OPEN || this.#state === 'closing') return false;
    if (this.#socket) corkForThisTurn(this.#socket);
    return true;
  }

  #checkBuffered(): void {
    if (this.#ws.bufferedAmount > this.#ctx.limits.sendBufferBytes)
      this.close(CloseCodes.SLOW_CONSUMER, 'slow consumer');
  }

  #replyError(re: number, e: PigeonError): void {
    this.#send({ re, err: e.toWire() });
  }

  #onMessage(data: RawData, isBinary: boolean): void {
    this.lastSeen = Date.now();
    if (this.#state === 'closing') return;
    const decoded = decodeFrame(data, isBinary);
    if ('ok' in decoded) {
      this.#badInARow = 0;
      void this.#handle(decoded.ok);
      return;
    }
    this.#replyError(decoded.re, decoded.error);
    if (++this.#badInARow >= this.#ctx.limits.maxBadFrames) this.close(CloseCodes.BAD_FRAMES, 'too many bad frames');
  }

  async #handle(req: DecodedRequest): Promise<void> {
    if (this.#pending.has(req.id)) {
      this.#replyError(req.id, new PigeonError('DUPLICATE_REQUEST_ID', `Request ${req.id} is still pending.`));
      return;
    }
    this.#pending.add(req.id);
    try {
      const d = await this.#dispatch(req);
      this.#send({ re: req.id, d });
      if (req.op === 'auth') this.#announce();
    } catch (err) {
      const e = err instanceof PigeonError ? err : new PigeonError('INTERNAL', undefined, { cause: err });
      if (e.type === 'INTERNAL') this.#ctx.logger.error({ err, op: req.op, session: this.id }, 'op failed');
      this.#replyError(req.id, e);
      if (req.op === 'auth' && !KEEP_OPEN_ON_AUTH_ERROR.has(e.type)) this.close(CloseCodes.AUTH_FAILED, e.type);
    } finally {
      this.#pending.delete(req.id);
    }
  }

  async #dispatch({ op, d }: DecodedRequest): Promise<unknown> {
    if (op === 'auth') return this.#auth(d);
    if (this.#state !== 'ready') throw new PigeonError('NOT_AUTHENTICATED', 'Send auth first and wait for its reply.');
    validateOpData(op, d);
    if (op === 'ping') return OP_HANDLERS.ping(this.#ctx.core, await this.#caller(), d as never);
    const wait = (op === 'msg.send' ? this.#sends : this.#ops).take();
    if (wait > 0) throw new PigeonError('RATE_LIMITED', `Too many ${op} requests.`, { retryAfterMs: wait });
    if (op === 'msg.send' && this.#ctx.isDraining())
      throw new PigeonError('SERVER_GOING_AWAY', undefined, { retryAfterMs: 1000 });
    if (op === 'msg.send' && this.#ctx.core.abuse.limitsSends) await this.#ctx.core.abuse.send(this.appId, this.user);
    return OP_HANDLERS[op](this.#ctx.core, await this.#caller(), d as never);
  }

  /** After the auth reply went out: everything a sign-in tells others (Hub.announce). */
  #announce(): void {
    if (this.#state === 'ready' && this.#app) this.#ctx.core.hub.announce(this, this.#app.settings.multiDevice);
  }

  /** The app as it is now (settings may have changed since auth; the lookup is a cache hit). */
  async #caller() {
    return { app: await this.#ctx.core.apps.get(this.#app!.appKey), user: this.user, sessionId: this.id };
  }

  async #auth(d: unknown): Promise<AuthReply> {
    if (this.#state !== 'new') throw new PigeonError('ALREADY_AUTHENTICATED');
    this.#state = 'authenticating';
    validateOpData('auth', d);
    const req = d as AuthRequest;
    const { app, user, expiresAt } = await authenticate(this.#ctx.core, req);
    // A hold on a device slot (refuse-new): dropped once registered (the session counts then) or failed.
    const release = await this.#ctx.core.hub.admit(app, user.username, req.deviceId);
    if (this.#state !== 'authenticating') {
      release();
      throw new PigeonError('NOT_AUTHENTICATED', 'The connection closed during auth.');
    }
    Object.assign(this, { appId: app.id, user: user.username, deviceId: req.deviceId, platform: req.platform });
    this.#app = app;
    const limits = appLimits(this.#ctx.core.options.limits, app);
    this.#sends = new TokenBucket(limits.sendsPerSecond);
    this.#state = 'ready';
    // Registering is synchronous and the reply follows in the same tick: no push can come before
    // it. Presence, webhooks and the multi-device policy follow the reply (#announce).
    this.#ctx.core.hub.register(this);
    release();
    return {
      user: user.username,
      deviceId: req.deviceId,
      sessionId: this.id,
      serverTime: Date.now(),
      idleTimeoutMs: this.#ctx.limits.idleTimeoutMs,
      limits: {
        maxFrameBytes: this.#ctx.limits.maxFrameBytes,
        maxMessageBytes: limits.maxMessageBytes,
        sendsPerSecond: limits.sendsPerSecond,
      },
      tokenExpiresAt: expiresAt,
    };
  }
}
