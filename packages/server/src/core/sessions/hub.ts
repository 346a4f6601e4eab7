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

export class Hub {
  readonly #bus: Bus;
  readonly #local = new Map<string, Local>();

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
    this.#bus.track(topic, link.id);
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
    this.#bus.untrack(topic, link.id);
    if (local.sessions.size) return;
    this.#local.delete(topic);
    this.#bus.unsubscribe(topic, local.handler);
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

  /** Whether any node holds a session of the user. */
  isOnline(appId: string, user: string): Promise<boolean> {
    return this.#bus.isOnline(userTopic(appId, user));
  }

  /** Whether deliveries reach every node now (false while Redis is unreachable). */
  get available(): boolean {
    return this.#bus.available;
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
