/**
 * The connection state machine: connecting -> open -> (lost) reconnecting -> open ..., until the app
 * closes it, the server kicks it or refuses its token, or the reconnect attempts run out.
 *
 *   closed --start--> connecting --auth ok--> open --socket lost--> reconnecting --auth ok--> open
 *   open --kicked / close 4001,4003,4007--> kicked | closed        reconnecting --attempts out--> disconnected
 *   any --stop()--> closed                                         disconnected --wake()--> reconnecting
 */
import {
  CloseCodes,
  DEFAULT_LIMITS,
  PigeonError,
  isReply,
  isReplyError,
  type AuthReply,
  type AuthRequest,
  type EventFrame,
  type Events,
  type OpName,
  type OpReply,
  type OpRequest,
  type ServerFrame,
} from '@pigeon/protocol';
import { asPigeon, closeError, closedByApp, isFatal } from './errors.js';
import { Heartbeat } from './heartbeat.js';
import type { PlatformAdapter } from './platform.js';
import { Reconnector, type AttemptResult, type ReconnectConfig } from './reconnect.js';
import { Requests } from './requests.js';
import { now } from './timers.js';
import { Transport } from './transport.js';
import { utf8Length } from './utf8.js';

export type ConnectionState = 'closed' | 'connecting' | 'open' | 'reconnecting' | 'disconnected' | 'kicked';

/** Where to connect: the current address, and a way to move past one that failed. */
export interface Addresses {
  readonly size: number;
  url(): string;
  advance(): void;
}

export interface SessionConfig {
  adapter: PlatformAdapter;
  addresses: Addresses;
  requestTimeout: number;
  heartBeatWait: number;
  /** How long stop() waits for the platform's close callback. */
  closeTimeout: number;
  reconnect: ReconnectConfig;
  /** Built per attempt, so a renewed token is used by the next reconnect. */
  auth(): AuthRequest;
}

export interface SessionHooks {
  /** Authenticated, first time or after a reconnect; runs before start() resolves. */
  authed(reply: AuthReply): void;
  event(frame: EventFrame): void;
  reconnecting(attempt: number): void;
  /** The open socket was lost and a reconnect is on its way. */
  lost(error: PigeonError): void;
  /** Stopped with no reconnect coming (not called when start() itself fails). */
  stopped(state: ConnectionState, error?: PigeonError): void;
  /** An error reply no request waits for (e.g. BAD_FRAME with re: 0). */
  stray(error: PigeonError): void;
}

/** Longest wait for the reply to an on-demand liveness probe (onShow, network back). */
const PROBE_MAX_MS = 5_000;

export class Session {
  readonly #cfg: SessionConfig;
  readonly #hooks: SessionHooks;
  readonly #requests = new Requests();
  readonly #heartbeat: Heartbeat;
  readonly #reconnect: Reconnector;
  #state: ConnectionState = 'closed';
  #transport: Transport | undefined;
  /**
   * The close of a socket let go without waiting (dead, goaway, failed connect, kicked). The next
   * socket is opened only once it settles (bounded by closeTimeout): WeChat and ByteDance would
   * otherwise briefly hold two, and Alipay's late close event could hit the new one.
   */
  #closing: Promise<void> | undefined;
  /** Bumped by stop(): async work started before it sees a different epoch and gives up. */
  #epoch = 0;
  #maxFrameBytes: number = DEFAULT_LIMITS.maxFrameBytes;
  #idleTimeoutMs: number = DEFAULT_LIMITS.idleTimeoutMs;
  /** Until then, a lost socket is replaced at once: the loss was found by wake() (app shown, network back). */
  #urgentUntil = 0;

  constructor(cfg: SessionConfig, hooks: SessionHooks) {
    this.#cfg = cfg;
    this.#hooks = hooks;
    this.#heartbeat = new Heartbeat(
      cfg.heartBeatWait,
      () => void this.#send('ping', undefined, 2 * cfg.heartBeatWait).catch(() => undefined),
      () => this.#dead('no frame for two heartbeat intervals'),
    );
    this.#reconnect = new Reconnector(
      cfg.reconnect,
      (n) => this.#attempt(n),
      () => this.#exhausted(),
    );
  }

  get state(): ConnectionState {
    return this.#state;
  }

  /**
   * First connect, trying each address once. Rejects with the typed reason; the state is then
   * closed (or kicked).
   */
  async start(): Promise<AuthReply> {
    const epoch = ++this.#epoch;
    this.#state = 'connecting';
    try {
      return await this.#connectAny(epoch);
    } catch (e) {
      const err = asPigeon(e);
      if (epoch === this.#epoch) this.#state = err.type === 'KICKED' ? 'kicked' : 'closed';
      throw err;
    }
  }

  /** Explicit close: no reconnect; resolves once the socket is really closed (bounded wait). */
  async stop(): Promise<void> {
    const was = this.#state;
    this.#epoch++;
    this.#state = 'closed';
    this.#reconnect.cancel();
    this.#heartbeat.stop();
    this.#requests.failAll(closedByApp());
    await this.#drop();
    if (was === 'open' || was === 'reconnecting' || was === 'connecting') this.#hooks.stopped('closed');
  }

  request<O extends OpName>(op: O, d: OpRequest<O>, timeoutMs = this.#cfg.requestTimeout): Promise<OpReply<O>> {
    if (this.#state !== 'open') {
      return Promise.reject(new PigeonError('NOT_CONNECTED', `Not connected (state: ${this.#state})`));
    }
    return this.#send(op, d, timeoutMs);
  }

  /** App shown or network back: check the socket now; reconnect at once (no backoff) if it is gone. */
  async wake(): Promise<void> {
    this.#urgentUntil = now() + PROBE_MAX_MS;
    if (this.#state === 'open') await this.probe();
    else if (this.#state === 'reconnecting' || this.#state === 'disconnected') {
      this.#state = 'reconnecting';
      this.#reconnect.now();
    }
  }

  /**
   * Pings with a short timeout; a dead socket is dropped and reconnected. Resolves true when alive.
   * Silent for longer than the server's idle timeout: the server has dropped us already, no need to ask.
   */
  async probe(): Promise<boolean> {
    const t = this.#transport;
    if (this.#state !== 'open' || !t) return false;
    if (this.#heartbeat.silentFor() >= this.#idleTimeoutMs) {
      this.#dead('silent for longer than the server keeps idle connections');
      return false;
    }
    try {
      await this.#send('ping', undefined, Math.min(this.#cfg.heartBeatWait, this.#cfg.requestTimeout, PROBE_MAX_MS));
      return true;
    } catch {
      if (this.#transport === t && this.#state === 'open') this.#dead('no reply to a liveness probe');
      return false;
    }
  }

  setOnline(online: boolean): void {
    if (this.#reconnect.setOnline(online)) void this.wake();
    else if (!online && this.#state === 'open') void this.probe();
  }

  async #connectAny(epoch: number): Promise<AuthReply> {
    for (let left = this.#cfg.addresses.size; ; left--) {
      try {
        return await this.#connect(epoch);
      } catch (e) {
        if (left <= 1 || epoch !== this.#epoch || isFatal(asPigeon(e))) throw e;
      }
    }
  }

  async #connect(epoch: number): Promise<AuthReply> {
    await this.#drop();
    this.#alive(epoch);
    let t: Transport | undefined;
    try {
      t = new Transport(this.#cfg.adapter, this.#cfg.addresses.url(), {
        frame: (f) => this.#onFrame(t, f),
        closed: (code, reason) => this.#onClosed(t, code, reason),
      });
      this.#transport = t;
      await t.opened(this.#cfg.requestTimeout);
      this.#alive(epoch);
      const reply = await this.#send('auth', this.#cfg.auth(), this.#cfg.requestTimeout);
      this.#alive(epoch);
      this.#up(reply);
      return reply;
    } catch (e) {
      if (t && this.#transport === t) this.#letGo(t, 'connect failed');
      if (epoch !== this.#epoch) throw closedByApp();
      const err = asPigeon(e);
      // This node is unreachable, overloaded or leaving: the next attempt goes to the next address.
      if (!isFatal(err)) this.#cfg.addresses.advance();
      throw err;
    }
  }

  #alive(epoch: number): void {
    if (epoch !== this.#epoch) throw closedByApp();
  }

  #up(reply: AuthReply): void {
    this.#state = 'open';
    this.#maxFrameBytes = reply.limits?.maxFrameBytes ?? DEFAULT_LIMITS.maxFrameBytes;
    this.#idleTimeoutMs = reply.idleTimeoutMs > 0 ? reply.idleTimeoutMs : DEFAULT_LIMITS.idleTimeoutMs;
    this.#reconnect.reset();
    this.#heartbeat.start();
    this.#hooks.authed(reply);
  }

  #send<O extends OpName>(op: O, d: OpRequest<O> | undefined, timeoutMs: number): Promise<OpReply<O>> {
    const t = this.#transport;
    if (!t) return Promise.reject(new PigeonError('NOT_CONNECTED', 'No socket'));
    const { id, done } = this.#requests.start(op, timeoutMs);
    const text = JSON.stringify(d === undefined ? { id, op } : { id, op, d });
    const bytes = utf8Length(text);
    if (bytes > this.#maxFrameBytes) {
      const details = { bytes, maxFrameBytes: this.#maxFrameBytes };
      this.#requests.fail(
        id,
        new PigeonError('FRAME_TOO_LARGE', `Frame of ${bytes} bytes is over the limit`, { details }),
      );
    } else {
      try {
        t.send(text);
      } catch (e) {
        this.#requests.fail(id, asPigeon(e));
      }
    }
    return done;
  }

  #onFrame(t: Transport | undefined, f: ServerFrame): void {
    if (!t || t !== this.#transport) return;
    this.#heartbeat.touch();
    if (isReply(f)) {
      if (!this.#requests.settle(f) && isReplyError(f)) this.#hooks.stray(PigeonError.fromWire(f.err));
    } else if (f.ev === 'kicked') this.#kicked(f.d as Events['kicked']);
    else if (f.ev === 'goaway') this.#goaway(f.d as Events['goaway']);
    else if (this.#state === 'open') this.#hooks.event(f);
  }

  #onClosed(t: Transport | undefined, code: number, reason: string): void {
    if (!t || t !== this.#transport) return;
    this.#transport = undefined;
    const err = closeError(code, reason);
    this.#requests.failAll(err);
    if (this.#state === 'open') this.#lost(err);
    // while connecting, the pending #connect rejects through the failed requests / opened()
  }

  #lost(err: PigeonError, delayMs?: number): void {
    this.#heartbeat.stop();
    if (isFatal(err)) return this.#finish(err.type === 'KICKED' ? 'kicked' : 'closed', err);
    this.#state = 'reconnecting';
    this.#hooks.lost(err);
    this.#reconnect.schedule(delayMs ?? (now() <= this.#urgentUntil ? 0 : undefined));
  }

  /** The socket went silent: let it go without waiting for a close callback that may never come. */
  #dead(why: string): void {
    const t = this.#transport;
    if (this.#state !== 'open' || !t) return;
    this.#letGo(t, why);
    const err = new PigeonError('NETWORK', `Connection presumed dead: ${why}`, { details: { heartbeat: true } });
    this.#requests.failAll(err);
    this.#lost(err);
  }

  #kicked(d: Events['kicked']): void {
    const err = new PigeonError('KICKED', `Signed out by the server (${d.reason})`, {
      details: { ...d, closeCode: CloseCodes.KICKED },
    });
    if (this.#state === 'open') this.#finish('kicked', err);
  }

  #goaway(d: Events['goaway']): void {
    const t = this.#transport;
    if (this.#state !== 'open' || !t) return;
    this.#letGo(t, 'server going away');
    this.#cfg.addresses.advance(); // a draining node: come back elsewhere
    const wait = Math.max(0, d.retryAfterMs);
    const err = new PigeonError('SERVER_GOING_AWAY', `Server going away (${d.reason})`, { retryAfterMs: wait });
    this.#requests.failAll(err);
    // Spread the herd: every client of a draining node would otherwise return at the same instant.
    this.#lost(err, wait + Math.floor(Math.random() * Math.max(200, wait / 2)));
  }

  async #attempt(n: number): Promise<AttemptResult> {
    const epoch = this.#epoch;
    this.#hooks.reconnecting(n);
    try {
      await this.#connect(epoch);
      return 'ok';
    } catch (e) {
      if (epoch !== this.#epoch) return 'stop';
      const err = asPigeon(e);
      if (!isFatal(err)) return 'retry';
      this.#finish(err.type === 'KICKED' ? 'kicked' : 'closed', err);
      return 'stop';
    }
  }

  #exhausted(): void {
    const n = this.#cfg.reconnect.max;
    this.#finish('disconnected', new PigeonError('RECONNECT_EXHAUSTED', `Gave up after ${n} reconnect attempts`));
  }

  #finish(state: ConnectionState, err: PigeonError): void {
    this.#state = state;
    this.#reconnect.cancel();
    this.#heartbeat.stop();
    this.#requests.failAll(err);
    void this.#drop();
    this.#hooks.stopped(state, err);
  }

  /** Closes the current socket (if any) and waits, bounded, for it and for any socket let go before. */
  async #drop(): Promise<void> {
    const t = this.#transport;
    if (t) this.#letGo(t, 'closed by client');
    const closing = this.#closing;
    await closing;
    if (this.#closing === closing) this.#closing = undefined;
  }

  /** Stops listening to `t` and starts closing it; the next #connect waits for that close. */
  #letGo(t: Transport, why: string): void {
    if (this.#transport === t) this.#transport = undefined;
    const previous = this.#closing;
    const closed = t.close(this.#cfg.closeTimeout, why);
    this.#closing = previous ? Promise.all([previous, closed]).then(() => undefined) : closed;
  }
}
