/**
 * One WebSocket of an Easemob / Agora Web SDK client: msync frames in, core calls, msync frames out.
 * The session joins the hub like a native connection (same multi-device policy, same events).
 */
import { PigeonError, type EventName, type Events, type Platform } from '@pigeon/protocol';
import type { RawData, WebSocket } from 'ws';
import { appLimits, uuid, type Core, type Logger, type SessionLink } from '../../core/index.js';
import type { App, Caller } from '../../core/types.js';
import { TokenBucket } from '../token-bucket.js';
import { Command, NameSpace, T, decode, encode, frame, ok, type Jid, type Plain } from './codec.js';
import { DeviceCursors } from './cursors.js';
import { Delivery } from './delivery.js';
import { deviceTag } from './device-tag.js';
import { onEvent } from './events.js';
import { userJid } from './jids.js';
import { chatroomMuc } from './muc-in.js';
import { handleMeta } from './outbound.js';
import { provision, type Provisioned } from './provision.js';
import { sendStatus } from './status-map.js';

export interface MsyncContext {
  core: Core;
  logger: Logger;
  newId(): string;
}

type State = 'new' | 'provisioning' | 'ready' | 'closing';

export class MsyncSession implements SessionLink {
  readonly id = uuid();
  appId = '';
  appKey = '';
  user = '';
  deviceId = '';
  /** deviceTag of the resource: marks this device's own sends. */
  tag = '';
  platform: Platform = 'other';
  readonly openedAt = Date.now();
  lastSeen = Date.now();
  #state: State = 'new';
  #app: App | undefined;
  #delivery: Delivery | undefined;
  #sends = new TokenBucket(100);
  readonly #ws: WebSocket;
  readonly #ctx: MsyncContext;
  #chain: Promise<void> = Promise.resolve();

  constructor(ws: WebSocket, ctx: MsyncContext, onClosed: (s: MsyncSession) => void) {
    this.#ws = ws;
    this.#ctx = ctx;
    ws.on('message', (data) => this.#onMessage(data));
    ws.on('error', (err) => ctx.logger.debug({ err, session: this.id }, 'msync socket error'));
    ws.on('close', () => {
      this.#leave();
      this.#state = 'closing';
      onClosed(this);
    });
  }

  get isReady(): boolean {
    return this.#state === 'ready';
  }

  get core(): Core {
    return this.#ctx.core;
  }

  newId(): string {
    return this.#ctx.newId();
  }

  async caller(): Promise<Caller> {
    return { app: await this.#ctx.core.apps.get(this.appKey), user: this.user, sessionId: this.id };
  }

  send(bytes: Uint8Array): void {
    if (this.#ws.readyState === this.#ws.OPEN) this.#ws.send(bytes, { binary: true });
  }

  push<E extends EventName>(ev: E, d: Events[E]): void {
    if (this.#state !== 'ready') return;
    onEvent(
      {
        appKey: this.appKey,
        user: this.user,
        tag: this.tag,
        newId: () => this.newId(),
        notice: (conv) => this.#delivery?.notice(conv),
        pushMetas: (metas) => this.pushMetas(metas),
        kicked: (operation) => this.#kicked(operation),
      },
      ev,
      d,
    );
  }

  pushFrame(text: string): void {
    const { ev, d } = JSON.parse(text) as { ev: EventName; d: never };
    this.push(ev, d);
  }

  /** Metas delivered without a notice: the SDK handles a CommSyncDL with metaId 0 as a push. */
  pushMetas(metas: Plain[]): void {
    const queue = userJid(this.appKey, this.user);
    this.send(frame(Command.SYNC, T.CommSyncDL, { status: ok(), queue, metas, isLast: true, timestamp: Date.now() }));
  }

  close(code: number, reason: string): void {
    if (this.#state === 'closing') return;
    // The same device logged in again: told like a kick, or the SDK would reconnect and replace it back.
    if (reason === 'replaced' && this.#state === 'ready') this.#kicked(2);
    this.#leave();
    this.#state = 'closing';
    this.#ws.close(code, reason.slice(0, 120));
    setTimeout(() => this.#ws.terminate(), 2000).unref();
  }

  #kicked(operation: number): void {
    const body = encode(T.StatisticsBody, { operation });
    const meta = { id: this.newId(), timestamp: Date.now(), ns: NameSpace.STATISTIC, payload: body };
    this.pushMetas([meta]);
  }

  #leave(): void {
    if (this.#state === 'ready') this.#ctx.core.hub.leave(this);
  }

  #onMessage(data: RawData): void {
    this.lastSeen = Date.now();
    if (this.#state === 'closing') return;
    let msg: Plain;
    try {
      msg = decode(T.MSync, data as Buffer);
    } catch {
      this.close(1003, 'bad frame');
      return;
    }
    // Frames are handled one at a time, in order, as the SDK expects (a send's ack before the next pull).
    this.#chain = this.#chain
      .then(() => this.#handle(msg))
      .catch((err: unknown) => this.#ctx.logger.error({ err, session: this.id }, 'msync frame failed'));
  }

  async #handle(msg: Plain): Promise<void> {
    const command = (msg.command as number | undefined) ?? Command.SYNC;
    if (command === Command.PROVISION) return this.#provision(msg);
    if (this.#state !== 'ready') return this.close(4001, 'provision first');
    if (command === Command.UNREAD) return this.#delivery!.unread();
    if (command === Command.LOGOUT) return this.close(1000, 'logout');
    if (command !== Command.SYNC) return;
    const ul = decode(T.CommSyncUL, (msg.payload as Uint8Array | undefined) ?? new Uint8Array());
    if (ul.meta) return this.#meta(ul.meta as Plain);
    if (ul.queue) return this.#delivery!.pull(ul.queue as Jid, ul.key as string | undefined);
  }

  async #meta(meta: Plain): Promise<void> {
    const wait = meta.ns === NameSpace.CHAT ? this.#sends.take() : 0;
    const ack =
      wait > 0
        ? { status: sendStatus(new PigeonError('RATE_LIMITED')) }
        : await handleMeta(
            {
              core: this.core,
              user: this.user,
              tag: this.tag,
              caller: () => this.caller(),
              newId: () => this.newId(),
              sent: async (conv, seq) => this.#delivery?.sent(conv, seq),
              muc: (body) => chatroomMuc(this, body),
            },
            meta,
          );
    if (!ack) return;
    this.send(frame(Command.SYNC, T.CommSyncDL, { ...ack, metaId: meta.id, metas: [] }));
  }

  async #provision(msg: Plain): Promise<void> {
    if (this.#state !== 'new') return;
    this.#state = 'provisioning';
    const result = await provision(this.#ctx.core, msg);
    if (this.#state !== 'provisioning') return 'release' in result ? result.release() : undefined;
    if ('status' in result) {
      this.send(frame(Command.PROVISION, T.Provision, { status: result.status }));
      this.close(4002, 'auth failed');
      return;
    }
    try {
      await this.#ready(result);
    } finally {
      result.release();
    }
  }

  async #ready(p: Provisioned): Promise<void> {
    Object.assign(this, { appId: p.app.id, appKey: p.app.appKey, user: p.user, deviceId: p.resource });
    this.tag = deviceTag(p.resource);
    this.platform = p.platform;
    this.#app = p.app;
    this.#sends = new TokenBucket(appLimits(this.#ctx.core.options.limits, p.app).sendsPerSecond);
    const key = { appId: p.app.id, user: p.user, resource: p.resource };
    const cursors = await DeviceCursors.load(this.#ctx.core.repos.msyncCursors, key, this.#ctx.logger);
    this.#delivery = new Delivery(this, cursors);
    await this.#delivery.seed();
    if (this.#state !== 'provisioning') return;
    this.#state = 'ready';
    this.#ctx.core.hub.join(this, this.#app.settings.multiDevice);
    this.send(frame(Command.PROVISION, T.Provision, p.reply));
  }
}
