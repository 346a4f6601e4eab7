/**
 * The in-process bus: one node, synchronous delivery in publish order. The Redis bus keeps the
 * same interface and passes the same tests.
 */
import type { Bus, BusHandler, BusMessage } from '../core/ports/bus.js';
import { otherDevices } from './device-count.js';

export class MemoryBus implements Bus {
  readonly #topics = new Map<string, Set<BusHandler>>();
  readonly #presence = new Map<string, Set<string>>();
  readonly #counters = new Map<string, number>();
  readonly available = true;

  publish(topic: string, message: BusMessage): void {
    const handlers = this.#topics.get(topic);
    if (!handlers) return;
    for (const h of [...handlers]) h(message);
  }

  subscribe(topic: string, handler: BusHandler): void {
    let set = this.#topics.get(topic);
    if (!set) this.#topics.set(topic, (set = new Set()));
    set.add(handler);
  }

  unsubscribe(topic: string, handler: BusHandler): void {
    const set = this.#topics.get(topic);
    if (set?.delete(handler) && set.size === 0) this.#topics.delete(topic);
  }

  /** Whether any handler listens on the topic here. */
  has(topic: string): boolean {
    return this.#topics.has(topic);
  }

  /** Every topic with a handler here. */
  topics(): string[] {
    return [...this.#topics.keys()];
  }

  track(topic: string, session: string): void {
    let set = this.#presence.get(topic);
    if (!set) this.#presence.set(topic, (set = new Set()));
    set.add(session);
  }

  untrack(topic: string, session: string): void {
    const set = this.#presence.get(topic);
    if (set?.delete(session) && set.size === 0) this.#presence.delete(topic);
  }

  /** Synchronous check and track: one node has nothing between the two. */
  async trackIfRoom(topic: string, session: string, device: string, max: number): Promise<boolean> {
    if (otherDevices(this.#presence.get(topic) ?? [], device) >= max) return false;
    this.track(topic, session);
    return true;
  }

  async isOnline(topic: string): Promise<boolean> {
    return (this.#presence.get(topic)?.size ?? 0) > 0;
  }

  /** One node: there are no others. */
  async remoteSessions(): Promise<string[]> {
    return [];
  }

  async next(key: string, floor: number): Promise<number> {
    const v = Math.max((this.#counters.get(key) ?? 0) + 1, floor + 1);
    this.#counters.set(key, v);
    return v;
  }

  async listeners(topic: string): Promise<number> {
    return this.has(topic) ? 1 : 0;
  }

  async close(): Promise<void> {
    this.#topics.clear();
    this.#presence.clear();
  }
}
