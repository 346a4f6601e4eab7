/**
 * The hub routes events and kicks to users' sessions through the Bus, so the same code works when
 * sessions of one user sit on different nodes. Each node subscribes to a user's topic while it holds
 * at least one session of that user.
 */
import { CloseCodes, type EventName, type Events } from '@pigeon/protocol';
import type { Bus, BusHandler, BusMessage, KickReason } from '../ports/bus.js';
import type { MultiDevicePolicy } from '../types.js';
import { verdictFor } from './device-policy.js';
import { userTopic, type SessionLink } from './session-link.js';

interface Local {
  sessions: Set<SessionLink>;
  handler: BusHandler;
}

/** Told when a user's set of sessions on this node changed (presence watches it). */
export type SessionsListener = (appId: string, user: string) => void;

export class Hub {
  readonly #bus: Bus;
  readonly #local = new Map<string, Local>();
  readonly #listeners: SessionsListener[] = [];

  constructor(bus: Bus) {
    this.#bus = bus;
  }

  /** Registers a session that just authenticated, then applies the multi-device policy everywhere. */
  join(link: SessionLink, policy: MultiDevicePolicy): void {
    const topic = userTopic(link.appId, link.user);
    let local = this.#local.get(topic);
    if (!local) {
      const sessions = new Set<SessionLink>();
      local = { sessions, handler: (m) => this.#onMessage(sessions, m) };
      this.#local.set(topic, local);
      this.#bus.subscribe(topic, local.handler);
    }
    local.sessions.add(link);
    this.#changed(link);
    this.#bus.publish(topic, {
      t: 'login',
      session: link.id,
      deviceId: link.deviceId,
      platform: link.platform,
      policy,
    });
  }

  leave(link: SessionLink): void {
    const topic = userTopic(link.appId, link.user);
    const local = this.#local.get(topic);
    if (!local?.sessions.delete(link)) return;
    if (!local.sessions.size) {
      this.#local.delete(topic);
      this.#bus.unsubscribe(topic, local.handler);
    }
    this.#changed(link);
  }

  /** Devices of the user with a session on this node (in a cluster, presence merges every node's). */
  devices(appId: string, user: string): Array<{ deviceId: string; platform: string }> {
    const sessions = this.#local.get(userTopic(appId, user))?.sessions ?? [];
    return [...sessions].map((s) => ({ deviceId: s.deviceId, platform: s.platform }));
  }

  onSessionsChanged(listener: SessionsListener): void {
    this.#listeners.push(listener);
  }

  #changed(link: SessionLink): void {
    for (const l of this.#listeners) l(link.appId, link.user);
  }

  /** Pushes an event to every device of the user, except the session that caused it. */
  emit<E extends EventName>(appId: string, user: string, ev: E, d: Events[E], except?: string): void {
    this.#bus.publish(
      userTopic(appId, user),
      except === undefined ? { t: 'event', ev, d } : { t: 'event', ev, d, except },
    );
  }

  /** Closes every session of the user, on every node, telling them why. */
  disconnect(appId: string, user: string, reason: KickReason): void {
    const code = reason === 'deactivated' ? CloseCodes.DEACTIVATED : CloseCodes.KICKED;
    this.#bus.publish(userTopic(appId, user), { t: 'close', reason, code });
  }

  /** Whether this node holds a session of the user (presence across nodes comes with the Redis bus). */
  isOnline(appId: string, user: string): boolean {
    return (this.#local.get(userTopic(appId, user))?.sessions.size ?? 0) > 0;
  }

  sessions(): SessionLink[] {
    return [...this.#local.values()].flatMap((l) => [...l.sessions]);
  }

  #onMessage(sessions: Set<SessionLink>, m: BusMessage): void {
    for (const s of [...sessions]) {
      if (m.t === 'event') {
        if (s.id !== m.except) s.push(m.ev, m.d as Events[typeof m.ev]);
      } else if (m.t === 'close') {
        s.push('kicked', { reason: m.reason });
        s.close(m.code, m.reason);
      } else {
        const verdict = verdictFor(s, m);
        // Same device reconnecting: the old socket is usually dead already; 4003 stops it from
        // reconnecting and kicking the new one back (two tabs sharing a deviceId would ping-pong).
        if (verdict === 'replace') s.close(CloseCodes.KICKED, 'replaced');
        if (verdict === 'kick') {
          s.push('kicked', { reason: 'kicked', by: m.platform });
          s.close(CloseCodes.KICKED, 'kicked');
        }
      }
    }
  }
}
