/**
 * A small in-memory server that speaks docs/protocol.md over a real `ws` socket, plus the two REST
 * calls the SDK makes. A test double for the SDK's unit tests only (the real server has its own
 * integration tests); it adds knobs to misbehave: freeze, drop, refuse, swallow replies, skip pushes.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  DEFAULT_LIMITS,
  PigeonError,
  conversationKey,
  parseConversationKey,
  type ErrorName,
  type Events,
  type Message,
  type OutgoingMessage,
  type SendAck,
} from '@pigeon/protocol';

export interface Sess {
  ws: WebSocket;
  user?: string;
  deviceId?: string;
}

interface Frame {
  id: number;
  op: string;
  d?: Record<string, unknown>;
}

/** What to do with a request before handling it. */
export type Verdict = 'swallow' | 'drop' | 'drop-after' | undefined;

interface Conv {
  msgs: Message[];
  read: Map<string, number>;
  cleared: Map<string, number>;
  ts: number;
}

const APP = { org: 'acme', app: 'chat' };

export class FakePigeonServer {
  readonly http = http.createServer((req, res) => this.#rest(req, res));
  readonly wss = new WebSocketServer({ noServer: true });
  readonly sessions = new Set<Sess>();
  readonly convs = new Map<string, Conv>();
  readonly groups = new Map<string, string[]>();
  readonly requests: { user?: string; op: string; d?: Record<string, unknown> }[] = [];
  /** Ops of the frames that arrived while frozen (read, never answered). */
  readonly ignoredWhileFrozen: string[] = [];
  readonly #acks = new Map<string, SendAck>();
  #nextId = 1;
  /** Connections accepted so far (upgrades that reached the WebSocket layer). */
  accepted = 0;
  /** Refuse new connections (the TCP socket is destroyed during the upgrade). */
  refuse = false;
  /** Ignore every frame and send nothing: a socket that died silently. */
  frozen = false;
  tokenExpiresAt = Date.now() + 3_600_000;
  onRequest: (s: Sess, f: Frame) => Verdict = () => undefined;
  /** Return false to skip pushing a message to a session (a lost push). */
  shouldPush: (m: Message, to: Sess) => boolean = () => true;

  get port(): number {
    return (this.http.address() as AddressInfo).port;
  }
  get url(): string {
    return `ws://127.0.0.1:${this.port}/ws`;
  }
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.http.on('upgrade', (req, socket: Duplex, head) => {
      if (this.refuse) return void socket.destroy();
      this.wss.handleUpgrade(req, socket, head, (ws) => this.#accept(ws));
    });
    await new Promise<void>((r) => this.http.listen(0, '127.0.0.1', r));
    return this;
  }

  async stop(): Promise<void> {
    for (const s of this.sessions) s.ws.terminate();
    this.wss.close();
    await new Promise<void>((r) => this.http.close(() => r()));
  }

  /** Sessions of a user that have authenticated. */
  of(user: string): Sess[] {
    return [...this.sessions].filter((s) => s.user === user);
  }

  /** Network cut: every socket ends without a close frame. */
  dropAll(): void {
    for (const s of this.sessions) s.ws.terminate();
  }

  closeAll(code: number, reason = ''): void {
    for (const s of this.sessions) s.ws.close(code, reason);
  }

  kick(user: string): void {
    for (const s of this.of(user)) {
      this.#send(s, { ev: 'kicked', d: { reason: 'kicked', by: 'web' } satisfies Events['kicked'] });
      s.ws.close(4003, 'kicked');
    }
  }

  goaway(retryAfterMs: number): void {
    for (const s of this.sessions) this.#send(s, { ev: 'goaway', d: { reason: 'shutdown', retryAfterMs } });
  }

  push(user: string, ev: string, d: unknown): void {
    for (const s of this.of(user)) this.#send(s, { ev, d });
  }

  /** Stores a message as if `from` had sent it; pushes it unless push is false. */
  inject(from: string, msg: Omit<OutgoingMessage, 'cid'> & { cid?: string }, push = true): Message {
    const out = { cid: `inj-${this.#nextId}`, ...msg } as OutgoingMessage;
    return this.#commit(from, out, undefined, push).msg;
  }

  conv(key: string): Conv {
    let c = this.convs.get(key);
    if (!c) this.convs.set(key, (c = { msgs: [], read: new Map(), cleared: new Map(), ts: Date.now() }));
    return c;
  }

  members(key: string): string[] {
    const p = parseConversationKey(key);
    if (!p) return [];
    return p.chat === 'single' ? p.ids : (this.groups.get(p.ids[0]) ?? []);
  }

  #accept(ws: WebSocket): void {
    this.accepted++;
    const s: Sess = { ws };
    this.sessions.add(s);
    ws.on('close', () => this.sessions.delete(s));
    ws.on('message', (raw) => {
      let f: Frame | undefined;
      try {
        f = JSON.parse(String(raw)) as Frame;
      } catch {
        f = undefined;
      }
      if (this.frozen) return void this.ignoredWhileFrozen.push(String(f?.op ?? '?'));
      if (!f) return this.#error(s, 0, 'BAD_FRAME');
      this.requests.push({ user: s.user, op: f.op, d: f.d });
      const verdict = this.onRequest(s, f);
      if (verdict === 'swallow') return;
      if (verdict === 'drop') return void ws.terminate();
      try {
        const reply = this.#handle(s, f);
        if (verdict === 'drop-after') return void ws.terminate();
        this.#send(s, { re: f.id, d: reply });
      } catch (e) {
        const err = e instanceof PigeonError ? e : new PigeonError('INTERNAL', String(e));
        if (verdict !== 'drop-after') this.#send(s, { re: f.id, err: err.toWire() });
        if (f.op === 'auth') ws.close(4001, 'auth failed');
        if (verdict === 'drop-after') ws.terminate();
      }
    });
  }

  #send(s: Sess, frame: unknown): void {
    if (s.ws.readyState === s.ws.OPEN) s.ws.send(JSON.stringify(frame));
  }

  #error(s: Sess, re: number, name: ErrorName): void {
    this.#send(s, { re, err: new PigeonError(name).toWire() });
  }

  #handle(s: Sess, f: Frame): unknown {
    const d = f.d ?? {};
    if (f.op === 'auth') return this.#auth(s, d);
    if (!s.user) throw new PigeonError('NOT_AUTHENTICATED');
    const me = s.user;
    switch (f.op) {
      case 'ping':
        return { t: Date.now() };
      case 'msg.send':
        return this.#msgSend(s, d.msg as OutgoingMessage);
      case 'msg.pull': {
        const c = this.conv(d.conv as string);
        const after = Math.max(d.afterSeq as number, c.cleared.get(me) ?? 0);
        const all = c.msgs.filter((m) => m.seq > after);
        const limit = (d.limit as number) ?? 50;
        return { msgs: all.slice(0, limit), hasMore: all.length > limit };
      }
      case 'msg.history': {
        const c = this.conv(d.conv as string);
        const before = (d.beforeSeq as number) ?? Infinity;
        const all = c.msgs.filter((m) => m.seq < before && m.seq > (c.cleared.get(me) ?? 0)).reverse();
        const page = all.slice(0, (d.limit as number) ?? 20);
        return { msgs: page, cursor: all.length > page.length ? page[page.length - 1].seq : null };
      }
      case 'msg.recall': {
        const m = this.conv(d.conv as string).msgs.find((x) => x.id === d.id);
        if (!m) throw new PigeonError('MESSAGE_NOT_FOUND');
        m.recalled = true;
        this.#fanout(d.conv as string, s, { ev: 'recall', d: { conv: d.conv, id: d.id, by: me } });
        return { id: m.id };
      }
      case 'msg.delivered': {
        const m = this.conv(d.conv as string).msgs.find((x) => x.id === d.id);
        if (!m) throw new PigeonError('MESSAGE_NOT_FOUND');
        for (const t of this.of(m.from)) this.#send(t, { ev: 'delivered', d: { conv: d.conv, id: d.id, by: me } });
        return {};
      }
      case 'conv.read': {
        const c = this.conv(d.conv as string);
        const seq = (d.seq as number | undefined) ?? c.msgs.length;
        const readSeq = Math.max(c.read.get(me) ?? 0, seq);
        c.read.set(me, readSeq);
        const ev = { conv: d.conv, by: me, readSeq, ...(d.id === undefined ? {} : { id: d.id }) };
        this.#fanout(d.conv as string, s, { ev: 'read', d: ev });
        return { readSeq };
      }
      case 'conv.list':
        return { convs: this.#mine(me).map(([k, c]) => this.#info(k, c, me)), cursor: null };
      case 'conv.delete': {
        const c = this.conv(d.conv as string);
        if (d.deleteRoam) c.cleared.set(me, c.msgs.length);
        for (const t of this.of(me))
          if (t !== s) this.#send(t, { ev: 'conv.deleted', d: { conv: d.conv, deleteRoam: !!d.deleteRoam } });
        return {};
      }
      case 'sync.positions': {
        const all = this.#mine(me);
        const start = Number(d.cursor ?? 0);
        const limit = (d.limit as number) ?? 100;
        const page = all.slice(start, start + limit).map(([conv, c]) => ({
          conv,
          lastSeq: c.msgs.length,
          readSeq: c.read.get(me) ?? 0,
          clearedSeq: c.cleared.get(me) ?? 0,
        }));
        return { convs: page, cursor: start + limit < all.length ? String(start + limit) : null };
      }
      default:
        throw new PigeonError('UNKNOWN_OP');
    }
  }

  #auth(s: Sess, d: Record<string, unknown>): unknown {
    const token = String(d.token);
    if (token === 'expired') throw new PigeonError('TOKEN_EXPIRED');
    if (!token.startsWith('tok-')) throw new PigeonError('TOKEN_INVALID');
    const user = token.slice(4);
    for (const old of this.of(user)) if (old.deviceId === d.deviceId) old.ws.terminate(); // same device: replace quietly
    s.user = user;
    s.deviceId = String(d.deviceId);
    const { maxFrameBytes, maxMessageBytes, sendsPerSecond, idleTimeoutMs } = DEFAULT_LIMITS;
    return {
      user,
      deviceId: s.deviceId,
      sessionId: `sess-${this.accepted}`,
      serverTime: Date.now(),
      idleTimeoutMs,
      limits: { maxFrameBytes, maxMessageBytes, sendsPerSecond },
      tokenExpiresAt: this.tokenExpiresAt,
    };
  }

  #msgSend(s: Sess, msg: OutgoingMessage): SendAck {
    const seen = this.#acks.get(`${s.user}/${msg.cid}`);
    if (seen) return seen;
    return this.#commit(s.user as string, msg, s, true).ack;
  }

  #commit(from: string, msg: OutgoingMessage, sender: Sess | undefined, push: boolean): { msg: Message; ack: SendAck } {
    const chat = msg.chat;
    const conv = conversationKey(chat, from, msg.to);
    const c = this.conv(conv);
    const stored = msg.type !== 'cmd';
    const m = {
      ...msg,
      id: String(this.#nextId++),
      conv,
      from,
      seq: stored ? c.msgs.length + 1 : 0,
      ts: Date.now(),
    } as Message;
    if (stored) c.msgs.push(m);
    c.ts = m.ts;
    const ack = { id: m.id, cid: m.cid, conv, seq: m.seq, ts: m.ts };
    this.#acks.set(`${from}/${msg.cid}`, ack);
    if (push)
      for (const t of this.#audience(conv, sender)) if (this.shouldPush(m, t)) this.#send(t, { ev: 'msg', d: m });
    return { msg: m, ack };
  }

  #audience(conv: string, except: Sess | undefined): Sess[] {
    const members = new Set(this.members(conv));
    return [...this.sessions].filter((t) => t !== except && t.user && members.has(t.user));
  }

  #fanout(conv: string, except: Sess, frame: unknown): void {
    for (const t of this.#audience(conv, except)) this.#send(t, frame);
  }

  #mine(me: string): [string, Conv][] {
    return [...this.convs]
      .filter(([k, c]) => c.msgs.length && this.members(k).includes(me))
      .sort((a, b) => b[1].ts - a[1].ts);
  }

  #info(conv: string, c: Conv, me: string): unknown {
    const p = parseConversationKey(conv);
    const readSeq = c.read.get(me) ?? 0;
    const unread = c.msgs.filter((m) => m.seq > readSeq && m.from !== me && !m.recalled).length;
    const peer = p?.chat === 'single' ? p.ids.find((x) => x !== me) : p?.ids[0];
    const last = c.msgs[c.msgs.length - 1];
    return {
      conv,
      chat: p?.chat,
      peer,
      lastSeq: c.msgs.length,
      readSeq,
      unread,
      clearedSeq: c.cleared.get(me) ?? 0,
      lastMessage: last,
      ts: c.ts,
    };
  }

  #rest(req: http.IncomingMessage, res: http.ServerResponse): void {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const json = (status: number, v: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(v));
      };
      const body = (raw ? JSON.parse(raw) : {}) as Record<string, string>;
      if (req.method === 'POST' && req.url === `/${APP.org}/${APP.app}/token`) {
        if (body.grant_type !== 'password' || body.password !== 'pw') {
          return json(400, { error: 'invalid_grant', error_description: 'invalid username or password' });
        }
        return json(200, { access_token: `tok-${body.username}`, expires_in: 3600, user: { username: body.username } });
      }
      if (req.method === 'POST' && req.url === `/${APP.org}/${APP.app}/users`) {
        if (body.username === 'taken')
          return json(400, { error: 'duplicate_unique_property_exists', error_description: 'exists' });
        return json(200, {
          action: 'post',
          entities: [{ username: body.username, nickname: body.nickname, activated: true }],
        });
      }
      json(404, { error: 'service_resource_not_found' });
    });
  }
}

export const APP_KEY = `${APP.org}#${APP.app}`;
