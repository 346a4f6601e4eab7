/**
 * `connection`: the public client, with Easemob Web SDK 4.x's method names. It wires the parts
 * together: session (socket state machine), outbox (sends), ordering + sync (receives), events.
 */
import {
  PROTOCOL_VERSION,
  PigeonError,
  conversationPeer,
  type AuthReply,
  type EventFrame,
  type Message,
  type OutgoingMessage,
  type SendAck,
} from '@pigeon/protocol';
import { bindApi } from './api/context.js';
import { deliverHistory } from './api/joined-rooms.js';
import type { UploadTarget } from './api/files.js';
import * as conversations from './conversations.js';
import { discover } from './discovery.js';
import { Endpoints } from './endpoints.js';
import { asPigeon, closedByApp, invalid } from './errors.js';
import { Events } from './events.js';
import { tokenTimes } from './jwt.js';
import { checkOpen, deviceIdFor, loginResult, validityMs, type OpenParams } from './login.js';
import { convKey, toWire } from './mapping.js';
import type { ConversationSink, Feature, FeatureHost, FeaturePart } from './features.js';
import { needsUpload } from './media-upload.js';
import { resolveOptions, type ConnectionOptions, type ResolvedOptions } from './options.js';
import { Ordering } from './ordering.js';
import { Outbox } from './outbox.js';
import type { PlatformAdapter } from './platform.js';
import { Positions } from './positions.js';
import { Receiver } from './receiver.js';
import { RecentMap, RecentSet } from './recent.js';
import { resolvePlatform, type PlatformEntry } from './registry.js';
import { Rest, type RegisterUserResult } from './rest.js';
import { Session, type ConnectionState, type SessionHooks } from './session.js';
import { claimSocketSlot } from './socket-registry.js';
import { syncOffline } from './sync.js';
import { now } from './timers.js';
import { TokenClock } from './token.js';
import type { AckMessage, AnyMessage, ChatMessage, EventHandlers, LoginResult, SendMsgResult } from './types.js';

export const SDK_VERSION = '0.1.0';
const PULL_PAGE = 100;
const POSITIONS_PAGE = 100;
const SYNC_CONCURRENCY = 3;

export interface RegisterUserParams {
  username: string;
  password: string;
  nickname?: string;
}

export interface RenewTokenResult {
  status: boolean;
  token: string;
  /** ms since epoch, when the token says. */
  expire?: number;
}

/**
 * The chat core. Groups, chatrooms, contacts and files are features (core/features.ts) that an
 * entry installs on its own subclass (core/full-connection.ts); the core-chat entries install none.
 */
export class Connection {
  /** The features every instance of this class gets (installers add theirs to a subclass). */
  static features: readonly Feature[] = [];

  readonly #opts: ResolvedOptions;
  readonly #adapter: PlatformAdapter;
  readonly #deviceId: string;
  readonly #events = new Events();
  readonly #endpoints: Endpoints;
  readonly #rest: Rest;
  readonly #session: Session;
  readonly #outbox: Outbox;
  readonly #token: TokenClock;
  readonly #receiver: Receiver;
  readonly #sentCids = new RecentSet<string>(2000);
  /** Local or server id -> server id and seq: read receipts carry the seq, recall accepts local ids. */
  readonly #known = new RecentMap<string, { id: string; seq: number }>(2000);
  #user = '';
  #accessToken = '';
  #loginValidity: number | undefined;
  #positions: Positions;
  #ordering: Ordering;
  readonly #parts: FeaturePart[];
  /** Bumped by close(): an open() still fetching its token gives up. */
  #openGen = 0;
  #releaseSlot: (() => void) | undefined;
  #unsubscribe: (() => void)[] = [];
  /** The local conversation list, when the localCache feature is installed (core/api/install.ts). */
  readonly #cache: ConversationSink | undefined;
  /** Chatrooms joined (the chatrooms feature keeps it; the core only clears it on close). */
  readonly #rooms = new Set<string>();
  #everAuthed = false;

  constructor(options: ConnectionOptions, platforms: readonly PlatformEntry[] = []) {
    const o = (this.#opts = resolveOptions(options));
    this.#adapter = resolvePlatform(options.platform, platforms);
    this.#deviceId = deviceIdFor(o, this.#adapter);
    const endpoints = (this.#endpoints = new Endpoints(o.endpoints));
    this.#rest = new Rest(this.#adapter, endpoints, o.org, o.app, o.requestTimeout);
    this.#session = new Session(
      {
        adapter: this.#adapter,
        addresses: endpoints,
        requestTimeout: o.requestTimeout,
        heartBeatWait: o.heartBeatWait,
        closeTimeout: o.closeTimeout,
        reconnect: { max: o.autoReconnectNumMax, baseMs: o.autoReconnectInterval, capMs: o.autoReconnectMaxDelay },
        auth: () => ({
          v: PROTOCOL_VERSION,
          appKey: o.appKey,
          token: this.#accessToken,
          platform: this.#adapter.name,
          deviceId: this.#deviceId,
          sdk: `pigeon-js/${SDK_VERSION}`,
        }),
      },
      this.#hooks(),
    );
    this.#outbox = new Outbox({
      transmit: (msg) => this.#session.request('msg.send', { msg }),
      canSend: () => this.#session.state === 'open',
      suspect: () => void this.#session.probe().then((alive) => alive && this.#outbox.flush()),
      timeoutMs: o.outboxTimeout,
    });
    this.#token = new TokenClock(
      () => this.#events.emit('onTokenWillExpire'),
      () => this.#events.emit('onTokenExpired'),
    );
    this.#receiver = new Receiver({
      events: this.#events,
      me: () => this.#user,
      isOwnSend: (m) => m.from === this.#user && this.#sentCids.has(m.cid),
      surfaced: (m) => this.#surfaced(m),
    });
    [this.#positions, this.#ordering] = this.#store('');
    bindApi(this, {
      request: this.#request,
      me: () => this.#user,
      rooms: this.#rooms,
      roomHistory: (roomId, reply) => deliverHistory(this.#positions, this.#ordering, roomId, reply),
    });
    const host = this.#host();
    this.#parts = (new.target as typeof Connection).features.map((f) => f(host, this));
    this.#cache = this.#parts.find((p) => p.cache)?.cache;
    for (const p of this.#parts) p.user?.('');
  }

  #host(): FeatureHost {
    const o = this.#opts;
    return {
      request: this.#request,
      events: this.#events,
      adapter: this.#adapter,
      opts: o,
      me: () => this.#user,
      isOpen: () => this.#session.state === 'open',
      storage: (user) => (user ? this.#adapter.storage : undefined),
      key: (user, name) => `pigeon:${o.appKey}:${user}:${name}`,
      fileTarget: () => this.#fileTarget(),
      failed: (e) => this.#session.state === 'open' && this.#events.emit('onError', asPigeon(e)),
    };
  }

  /** closed | connecting | open | reconnecting | disconnected (gave up; onShow/network revive it) | kicked. */
  get state(): ConnectionState {
    return this.#session.state;
  }

  /** The logged-in user (as the server spells it). */
  get user(): string {
    return this.#user;
  }

  get deviceId(): string {
    return this.#deviceId;
  }

  /**
   * Logs in. Resolves once the server accepted the token and offline sync has started (there is no
   * separate "ready" event to wait for). Opening again first closes the current session.
   */
  async open(params: OpenParams): Promise<LoginResult> {
    const creds = checkOpen(params);
    if (this.#session.state !== 'closed' || this.#releaseSlot) await this.close();
    const gen = ++this.#openGen;
    this.#everAuthed = false;
    this.#releaseSlot = claimSocketSlot(this.#adapter);
    try {
      if (this.#opts.discoveryUrl) await discover(this.#opts, this.#adapter, this.#endpoints);
      const grant = creds.accessToken
        ? { accessToken: creds.accessToken }
        : await this.#rest.token(creds.user, creds.pwd ?? '');
      if (gen !== this.#openGen) throw new PigeonError('CLOSED', 'close() was called during open()');
      [this.#positions, this.#ordering] = this.#store(creds.user);
      for (const p of this.#parts) p.user?.(creds.user);
      this.#user = creds.user;
      this.#accessToken = grant.accessToken;
      this.#loginValidity = validityMs(grant);
      this.#ordering.hold();
      this.#subscribe();
      return loginResult(grant, await this.#session.start());
    } catch (e) {
      const err = asPigeon(e);
      if (gen === this.#openGen) {
        this.#outbox.failAll(err); // sends queued during a failed open() fail with its reason
        this.#release();
      }
      throw err;
    }
  }

  /** Closes for good (no reconnect). Resolves once the socket is really closed; pending calls reject with CLOSED. */
  async close(): Promise<void> {
    this.#openGen++;
    const open = this.#session.state === 'open';
    await Promise.all(this.#parts.map((p) => p.closing?.(open, this.#opts.closeTimeout)));
    this.#rooms.clear();
    await this.#session.stop();
    this.#outbox.failAll(closedByApp());
    this.#token.disarm();
    this.#positions.flush();
    this.#cache?.flush();
    this.#release();
  }

  isOpened(): boolean {
    return this.#session.state === 'open';
  }

  /** Uses a new token from now on (the next reconnect authenticates with it) and re-times the expiry warning. */
  async renewToken(token: string): Promise<RenewTokenResult> {
    if (typeof token !== 'string' || !token) throw invalid('renewToken() needs the new token');
    this.#accessToken = token;
    const { iat, exp } = tokenTimes(token);
    if (exp === undefined) this.#token.disarm();
    else this.#token.arm(token, exp * 1000, iat === undefined ? undefined : (exp - iat) * 1000);
    return exp === undefined ? { status: true, token } : { status: true, token, expire: exp * 1000 };
  }

  /** Open registration (the app must allow it), REST `POST /{org}/{app}/users`. */
  async registerUser(p: RegisterUserParams): Promise<RegisterUserResult> {
    if (!p || typeof p.username !== 'string' || typeof p.password !== 'string' || !p.username || !p.password) {
      throw invalid('registerUser() needs username and password');
    }
    return this.#rest.registerUser(p.username, p.password, p.nickname);
  }

  /**
   * Sends a message from message.create. Chat messages wait in the outbox while reconnecting and
   * resolve once the server committed them; read/channel/delivery receipts need an open connection.
   */
  async send(msg: AnyMessage): Promise<SendMsgResult> {
    if (!msg || typeof msg !== 'object') throw invalid('send() needs a message from message.create()');
    if (msg.type === 'read' || msg.type === 'channel' || msg.type === 'delivery') return this.#sendReceipt(msg);
    const state = this.#session.state;
    if (state !== 'open' && state !== 'connecting' && state !== 'reconnecting') {
      this.#check(msg); // a bad message is INVALID_ARGUMENT whatever the state
      throw new PigeonError('NOT_CONNECTED', `Cannot send while ${state}; call open() first`);
    }
    const wire = await this.#uploadThenWire(msg);
    this.#sentCids.add(wire.cid);
    const ack = await this.#outbox.add(wire);
    return this.#acked(msg, wire, ack);
  }

  async #uploadThenWire(msg: ChatMessage): Promise<OutgoingMessage> {
    if (!needsUpload(msg, this.#opts.useOwnUploadFun)) return toWire(msg);
    this.#check(msg); // refuse a bad message before spending an upload on it
    const upload = this.#parts.find((p) => p.upload);
    if (!upload) throw invalid('This build sends media by url only (upload it first, or use a full build)');
    await upload.upload!(msg);
    return toWire(msg);
  }

  /** Validates a message; one with a file to upload is checked as if it already had its URL. */
  #check(msg: ChatMessage): void {
    toWire(needsUpload(msg, this.#opts.useOwnUploadFun) ? ({ ...msg, url: 'upload://pending' } as ChatMessage) : msg);
  }

  #fileTarget(): UploadTarget {
    const o = this.#opts;
    const base = `${this.#endpoints.apiUrl()}/${encodeURIComponent(o.org)}/${encodeURIComponent(o.app)}`;
    return { adapter: this.#adapter, base, token: () => this.#accessToken };
  }

  addEventHandler(id: string, handlers: EventHandlers): void {
    if (typeof id !== 'string' || !handlers || typeof handlers !== 'object')
      throw invalid('addEventHandler(id, handlers)');
    this.#events.add(id, handlers);
  }

  removeEventHandler(id: string): void {
    this.#events.remove(id);
  }

  /** Easemob's older single-handler form. */
  listen(handlers: EventHandlers): void {
    this.addEventHandler('__listen__', handlers);
  }

  /** Also refreshes `localCache` with the server's unread counts and last messages. */
  async getServerConversations(p?: conversations.GetServerConversationsParams) {
    const res = await conversations.getServerConversations(this.#request, this.#user, p);
    this.#cache?.seed(res.data.conversations);
    return res;
  }

  async deleteConversation(p: conversations.DeleteConversationParams) {
    const res = await conversations.deleteConversation(this.#request, this.#user, p);
    this.#cache?.remove({ conversationId: p.channel, conversationType: p.chatType });
    return res;
  }

  async getHistoryMessages(p: conversations.GetHistoryMessagesParams) {
    return conversations.getHistoryMessages(this.#request, this.#user, p);
  }

  async recallMessage(p: conversations.RecallMessageParams) {
    return conversations.recallMessage(this.#request, this.#user, p, (id) => this.#known.get(id)?.id ?? id);
  }

  /**
   * Call from the app's onShow (mini-program adapters call it for you): checks the socket at once and
   * reconnects immediately, without backoff, if it died while the app was hidden.
   */
  async onShow(): Promise<void> {
    await this.#session.wake();
  }

  readonly #request: conversations.Request = (op, d) => this.#session.request(op, d);

  #hooks(): SessionHooks {
    return {
      authed: (reply) => this.#authed(reply),
      event: (f) => this.#onEvent(f),
      reconnecting: () => this.#events.emit('onReconnecting'),
      lost: () => this.#ordering.hold(),
      stopped: (state, err) => this.#stopped(state, err),
      stray: (err) => this.#events.emit('onError', err),
    };
  }

  #authed(reply: AuthReply): void {
    if (reply.user) this.#user = reply.user;
    this.#armToken(reply);
    this.#outbox.flush();
    this.#events.emit('onConnected');
    void this.#sync();
    for (const p of this.#parts) p.authed?.(this.#everAuthed);
    this.#everAuthed = true;
  }

  #onEvent(f: EventFrame): void {
    if (f.ev === 'msg') this.#ordering.push(f.d as Message);
    else if (!this.#parts.some((p) => p.event?.(f))) this.#receiver.event(f);
  }

  async #sync(): Promise<void> {
    const ordering = this.#ordering;
    this.#events.emit('onOfflineMessageSyncStart');
    // What features fetch after a connect (contact log, pending group invitations): never rejects.
    const extra = Promise.all(this.#parts.map((p) => p.sync?.()));
    try {
      await syncOffline({
        positionsPage: (cursor) =>
          this.#session.request(
            'sync.positions',
            cursor ? { cursor, limit: POSITIONS_PAGE } : { limit: POSITIONS_PAGE },
          ),
        positions: this.#positions,
        ordering,
        concurrency: SYNC_CONCURRENCY,
      });
    } catch (e) {
      // Lost the socket: the next connect syncs again. Still open: surface what waited, best effort.
      if (this.#session.state === 'open') {
        ordering.release();
        this.#events.emit('onError', asPigeon(e));
      }
    } finally {
      await extra;
      this.#events.emit('onOfflineMessageSyncFinish');
    }
  }

  #stopped(state: ConnectionState, err?: PigeonError): void {
    this.#token.disarm();
    this.#positions.flush();
    this.#cache?.flush();
    this.#outbox.failAll(err ?? closedByApp());
    if (state !== 'disconnected') this.#release(); // disconnected may revive on show / network back
    if (err) this.#events.emit('onError', err);
    this.#events.emit('onDisconnected', err);
  }

  #acked(msg: ChatMessage, wire: OutgoingMessage, ack: SendAck): SendMsgResult {
    const me = this.#user;
    const where = { id: ack.id, seq: ack.seq };
    this.#known.set(wire.cid, where);
    this.#known.set(ack.id, where);
    // Our own message takes its seq in the conversation (the receiver does not show it again).
    if (ack.seq > 0)
      this.#ordering.push({ ...wire, id: ack.id, conv: ack.conv, from: me, seq: ack.seq, ts: ack.ts } as Message);
    const conversationId = conversationPeer(ack.conv, me) ?? wire.to;
    const common = { seq: ack.seq, time: ack.ts, conversationId, conv: ack.conv };
    this.#events.emit('onReceivedMessage', { id: wire.cid, mid: ack.id, to: wire.to, ...common });
    const message = { ...msg, id: ack.id, from: me, ...common };
    this.#cache?.message(message, me);
    return { localMsgId: wire.cid, serverMsgId: ack.id, message };
  }

  async #sendReceipt(msg: AckMessage): Promise<SendMsgResult> {
    const conv = convKey(msg.chatType ?? 'singleChat', this.#user, msg.to);
    const target = (msg.type !== 'channel' && (msg.mid ?? msg.ackId)) || msg.id;
    const known = this.#known.get(target);
    if (msg.type === 'delivery') await this.#request('msg.delivered', { conv, id: known?.id ?? target });
    else if (msg.type === 'channel') await this.#request('conv.read', { conv });
    else await this.#request('conv.read', known ? { conv, id: known.id, seq: known.seq } : { conv, id: target });
    if (msg.type !== 'delivery') {
      const read = msg.type === 'channel' ? undefined : known?.seq;
      this.#cache?.read({ conversationId: msg.to, conversationType: msg.chatType }, read);
    }
    return { localMsgId: msg.id, serverMsgId: '' };
  }

  #surfaced(m: Message): void {
    if (m.seq > 0) this.#known.set(m.id, { id: m.id, seq: m.seq });
    if (this.#opts.delivery && m.chat === 'single' && m.from !== this.#user && m.seq > 0) {
      this.#request('msg.delivered', { conv: m.conv, id: m.id }).catch(() => undefined);
    }
  }

  #armToken(reply: AuthReply): void {
    if (!(reply.tokenExpiresAt > 0)) return;
    const skew = typeof reply.serverTime === 'number' ? now() - reply.serverTime : 0;
    this.#token.arm(this.#accessToken, reply.tokenExpiresAt + skew, this.#loginValidity);
  }

  /** Positions per user; the same user opening again keeps them (memory-only platforms too). */
  #store(user: string): [Positions, Ordering] {
    const key = `pigeon:${this.#opts.appKey}:${user}:positions`;
    const storage = user ? this.#adapter.storage : undefined;
    const same = user && user === this.#user;
    const positions = same ? this.#positions : new Positions(storage, key, this.#opts.maxStoredConversations);
    const ordering = new Ordering(
      positions,
      (conv, afterSeq) => this.#request('msg.pull', { conv, afterSeq, limit: PULL_PAGE }),
      (msgs) => this.#receiver.deliver(msgs),
    );
    return [positions, ordering];
  }

  #subscribe(): void {
    if (this.#unsubscribe.length) return;
    const a = this.#adapter;
    const network = a.onNetworkChange?.((online) => {
      this.#events.emit(online ? 'onOnline' : 'onOffline');
      this.#session.setOnline(online);
    });
    const show = a.onAppShow?.(() => void this.onShow());
    this.#unsubscribe = [network, show].filter((u): u is () => void => typeof u === 'function');
  }

  #release(): void {
    this.#releaseSlot?.();
    this.#releaseSlot = undefined;
    for (const u of this.#unsubscribe.splice(0)) u();
  }
}
