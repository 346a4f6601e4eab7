/** What the core needs of a live connection; the gateway implements it over a WebSocket. */
import type { EventName, Events } from '@pigeon/protocol';
import type { SessionInfo } from '../types.js';

export interface SessionLink extends SessionInfo {
  push<E extends EventName>(ev: E, d: Events[E]): void;
  /** Sends an event frame serialized once for many sessions (`{"ev":...,"d":...}`). */
  pushFrame(text: string): void;
  /** Closes the connection with a WebSocket close code. */
  close(code: number, reason: string): void;
}

export const userTopic = (appId: string, user: string): string => `u:${appId}:${user}`;
