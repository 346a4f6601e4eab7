/** The handler registry behind addEventHandler / removeEventHandler. */
import type { EventHandlers, EventName } from './types.js';
import { after } from './timers.js';

type Args<K extends EventName> = Parameters<NonNullable<EventHandlers[K]>>;

export class Events {
  readonly #handlers = new Map<string, EventHandlers>();

  add(id: string, handlers: EventHandlers): void {
    this.#handlers.set(id, handlers);
  }

  remove(id: string): void {
    this.#handlers.delete(id);
  }

  /** Calls every registered handler. One that throws does not stop the others nor the SDK. */
  emit<K extends EventName>(name: K, ...args: Args<K>): void {
    for (const h of [...this.#handlers.values()]) {
      const fn = h[name] as ((...a: Args<K>) => void) | undefined;
      if (typeof fn !== 'function') continue;
      try {
        fn.apply(h, args);
      } catch (e) {
        after(0, () => {
          throw e; // surfaces in the platform's own error reporting, outside the SDK's call stack
        });
      }
    }
  }
}
