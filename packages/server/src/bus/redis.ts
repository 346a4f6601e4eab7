/**
 * The bus on Redis: pub/sub on one channel per topic (a publisher and a subscriber connection),
 * and presence as one hash per topic of session -> "node expiresAt", refreshed by a heartbeat so a
 * crashed node's sessions expire after `presenceTtlMs`. This node's handlers get its own messages
 * at once (in publish order, and even while Redis is down); other nodes' arrive through Redis.
 * ioredis reconnects by itself and re-subscribes; while it is disconnected `available` is false.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Bus, BusHandler, BusMessage } from '../core/ports/bus.js';
import { MemoryBus } from './memory.js';
import { otherDevices } from './device-count.js';

export interface RedisBusOptions {
  url: string;
  /** Key and channel prefix, so several deployments can share one Redis. */
  prefix?: string;
  presenceTtlMs?: number;
  onError?: (e: Error) => void;
}

/** INCR, but never to `floor` or below (ARGV[1]); atomic, so two nodes never get the same number. */
const NEXT = `local v = redis.call('INCR', KEYS[1])
if v <= tonumber(ARGV[1]) then v = tonumber(ARGV[1]) + 1; redis.call('SET', KEYS[1], v) end
return v`;

/**
 * trackIfRoom in one step: counts the distinct devices (third item of the JSON field name) of the
 * live entries other than ARGV[3]; below ARGV[5], adds field ARGV[1] = ARGV[2] and returns 1.
 * ARGV: field, "node expiresAt", device, now, max, ttl.
 */
const TRACK_IF_ROOM = `local now = tonumber(ARGV[4])
local seen, n = {}, 0
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  local exp = tonumber(string.match(all[i + 1], ' (%d+)$'))
  if exp and exp > now then
    local ok, k = pcall(cjson.decode, all[i])
    local d = ok and type(k) == 'table' and k[3] or nil
    if type(d) == 'string' and d ~= ARGV[3] and not seen[d] then seen[d] = true; n = n + 1 end
  end
end
if n >= tonumber(ARGV[5]) then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[6])
return 1`;

interface Envelope {
  n: string;
  m: BusMessage;
}

export class RedisBus implements Bus {
  readonly #local = new MemoryBus();
  readonly #pub: Redis;
  readonly #sub: Redis;
  readonly #node = randomUUID();
  readonly #prefix: string;
  readonly #ttl: number;
  readonly #tracked = new Map<string, Set<string>>();
  readonly #heartbeat: NodeJS.Timeout;
  readonly #subscribing = new Set<Promise<unknown>>();
  #lastFrame: BusMessage | undefined;
  #lastPayload = '';

  constructor(o: RedisBusOptions) {
    this.#prefix = o.prefix ?? 'pigeon:';
    this.#ttl = o.presenceTtlMs ?? 30_000;
    const opts = { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false };
    this.#pub = new Redis(o.url, opts);
    this.#sub = new Redis(o.url, { ...opts, enableOfflineQueue: true });
    for (const c of [this.#pub, this.#sub]) c.on('error', (e: Error) => o.onError?.(e));
    this.#sub.on('messageBuffer', (channel: Buffer, payload: Buffer) => this.#onMessage(channel, payload));
    this.#pub.on('ready', () => this.#refresh());
    // A SUBSCRIBE in flight when the connection dropped is lost: after every reconnect, subscribe
    // again to every topic this node listens on (SUBSCRIBE is idempotent).
    this.#sub.on('ready', () => {
      const channels = this.#local.topics().map((t) => this.#channel(t));
      if (channels.length) this.#sub.subscribe(...channels).catch(() => undefined);
    });
    this.#heartbeat = setInterval(() => this.#refresh(), Math.max(50, this.#ttl / 3));
    this.#heartbeat.unref();
  }

  /** Resolves once both connections are ready (startup waits, so a node never starts half-wired). */
  async ready(): Promise<void> {
    const wait = (c: Redis) =>
      c.status === 'ready'
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            c.once('ready', () => resolve());
            c.once('end', () => reject(new Error('Redis connection closed')));
          });
    await Promise.all([wait(this.#pub), wait(this.#sub)]);
  }

  get available(): boolean {
    return this.#pub.status === 'ready' && this.#sub.status === 'ready';
  }

  publish(topic: string, message: BusMessage): void {
    this.#local.publish(topic, message);
    if (this.#pub.status !== 'ready') return; // nobody else can be told; sends are refused meanwhile
    this.#pub.publish(this.#channel(topic), this.#payload(message)).catch(() => undefined);
  }

  /**
   * The envelope as sent. A fan-out publishes one `frame` message object to every member's topic in
   * a row: it is serialised once for all of them (a frame's text never changes).
   */
  #payload(message: BusMessage): string {
    if (message.t === 'frame' && message === this.#lastFrame) return this.#lastPayload;
    const payload = JSON.stringify({ n: this.#node, m: message } satisfies Envelope);
    if (message.t === 'frame') [this.#lastFrame, this.#lastPayload] = [message, payload];
    return payload;
  }

  subscribe(topic: string, handler: BusHandler): void {
    const first = !this.#local.has(topic);
    this.#local.subscribe(topic, handler);
    if (!first) return;
    const p: Promise<unknown> = this.#sub
      .subscribe(this.#channel(topic))
      .catch(() => undefined)
      .finally(() => this.#subscribing.delete(p));
    this.#subscribing.add(p);
  }

  unsubscribe(topic: string, handler: BusHandler): void {
    this.#local.unsubscribe(topic, handler);
    if (!this.#local.has(topic)) this.#sub.unsubscribe(this.#channel(topic)).catch(() => undefined);
  }

  track(topic: string, session: string): void {
    let set = this.#tracked.get(topic);
    if (!set) this.#tracked.set(topic, (set = new Set()));
    set.add(session);
    this.#write(topic, [session]);
  }

  untrack(topic: string, session: string): void {
    const set = this.#tracked.get(topic);
    if (set?.delete(session) && set.size === 0) this.#tracked.delete(topic);
    if (this.#pub.status === 'ready') this.#pub.hdel(this.#presenceKey(topic), session).catch(() => undefined);
  }

  /**
   * Atomic across nodes through one Lua script. While Redis is unreachable, only this node's
   * sessions can be counted (as remoteSessions then knows no others).
   */
  async trackIfRoom(topic: string, session: string, device: string, max: number): Promise<boolean> {
    if (this.#pub.status !== 'ready') {
      if (otherDevices(this.#tracked.get(topic) ?? [], device) >= max) return false;
      this.track(topic, session);
      return true;
    }
    const now = Date.now();
    const value = `${this.#node} ${now + this.#ttl}`;
    const args = [session, value, device, now, max, this.#ttl].map(String);
    if (Number(await this.#pub.eval(TRACK_IF_ROOM, 1, this.#presenceKey(topic), ...args)) !== 1) return false;
    let set = this.#tracked.get(topic);
    if (!set) this.#tracked.set(topic, (set = new Set()));
    set.add(session);
    return true;
  }

  async isOnline(topic: string): Promise<boolean> {
    if (this.#tracked.has(topic)) return true;
    if (this.#pub.status !== 'ready') return false;
    const now = Date.now();
    const all = await this.#pub.hvals(this.#presenceKey(topic)).catch(() => [] as string[]);
    return all.some((v) => Number(v.split(' ')[1]) > now);
  }

  async remoteSessions(topic: string): Promise<string[]> {
    if (this.#pub.status !== 'ready') return [];
    const now = Date.now();
    const all = await this.#pub.hgetall(this.#presenceKey(topic)).catch(() => ({}) as Record<string, string>);
    return Object.entries(all)
      .filter(([, v]) => {
        const [node, expires] = v.split(' ');
        return node !== this.#node && Number(expires) > now;
      })
      .map(([session]) => session);
  }

  async next(key: string, floor: number): Promise<number> {
    return Number(await this.#pub.eval(NEXT, 1, `${this.#prefix}seq:${key}`, floor));
  }

  async listeners(topic: string): Promise<number> {
    await Promise.all([...this.#subscribing]);
    const reply = (await this.#pub.pubsub('NUMSUB', this.#channel(topic))) as [string, number | string];
    return Number(reply[1]);
  }

  async close(): Promise<void> {
    clearInterval(this.#heartbeat);
    if (this.#pub.status === 'ready') {
      const p = this.#pub.pipeline();
      for (const [topic, sessions] of this.#tracked) p.hdel(this.#presenceKey(topic), ...sessions);
      await p.exec().catch(() => undefined);
    }
    this.#tracked.clear();
    await this.#local.close();
    this.#sub.disconnect();
    this.#pub.disconnect();
  }

  /** Stops without a goodbye, as a crashed node would (its sessions expire by TTL); for tests. */
  abandon(): void {
    clearInterval(this.#heartbeat);
    this.#sub.disconnect();
    this.#pub.disconnect();
  }

  #onMessage(channel: Buffer, payload: Buffer): void {
    let env: Envelope;
    try {
      env = JSON.parse(payload.toString('utf8')) as Envelope;
    } catch {
      return;
    }
    if (env.n === this.#node) return; // delivered locally when published
    this.#local.publish(channel.toString('utf8').slice(this.#prefix.length + 4), env.m);
  }

  /** Heartbeat: rewrites every local session with a fresh expiry (also after Redis came back). */
  #refresh(): void {
    for (const [topic, sessions] of this.#tracked) this.#write(topic, [...sessions]);
  }

  #write(topic: string, sessions: string[]): void {
    if (this.#pub.status !== 'ready' || sessions.length === 0) return;
    const value = `${this.#node} ${Date.now() + this.#ttl}`;
    const key = this.#presenceKey(topic);
    this.#pub
      .multi()
      .hset(key, Object.fromEntries(sessions.map((s) => [s, value])))
      .pexpire(key, this.#ttl)
      .exec()
      .catch(() => undefined);
  }

  #channel(topic: string): string {
    return `${this.#prefix}bus:${topic}`;
  }

  #presenceKey(topic: string): string {
    return `${this.#prefix}online:${topic}`;
  }
}
