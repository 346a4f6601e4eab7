/**
 * The in-process bus: one node, synchronous delivery in publish order. The Redis bus (another
 * issue) keeps the same interface and the same tests.
 */
import type { Bus, BusHandler, BusMessage } from '../core/ports/bus.js';

export class MemoryBus implements Bus {
  readonly #topics = new Map<string, Set<BusHandler>>();

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

  async close(): Promise<void> {
    this.#topics.clear();
  }
}
