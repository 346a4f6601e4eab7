/**
 * The hub routes events and kicks to users' sessions through the Bus, so the same code works when
 * sessions of one user sit on different nodes. Each node subscribes to a user's topic while it holds
 * at least one session of that user.
 */
import { randomUUID } from 'node:crypto';
import { CloseCodes, PigeonError, type EventName, type Events } from '@pigeon/protocol';
import type { Bus, BusHandler, BusMessage, KickReason } from '../ports/bus.js';
import type { AppSettings, MultiDevicePolicy } from '../types.js';
import { verdictFor } from './device-policy.js';
import { userTopic, type SessionLink } from './session-link.js';

interface Local {
  sessions: Set<SessionLink>;
  handler: BusHandler;
  /** Whether presence listeners were told the user is online here. */
  announced: boolean;
}

/** Told when a user's first session on this node starts and when the last one ends. */
export interface PresenceListener {
  online(appId: string, user: string): void;
  offline(appId: string, user: string): void;
}

/** Told whenever a user's set of sessions on this node changes (presence reports devices). */
export type SessionsListener = (appId: string, user: string) => void;

export class Hub {
  readonly #bus: Bus;
  readonly #local = new Map<string, Local>();
  readonly #presence: PresenceListener[] = [];
  readonly #sessionsListeners: SessionsListener[] = [];

  constructor(bus: Bus) {
    this.#bus = bus;
  }

  /** Registers a session that just authenticated, then tells everyone (register, then announce). */
  join(link: SessionLink, policy: MultiDevicePolicy): void {
    this.register(link);
    this.announce(link, policy);
  }

  /**
   * The part of a sign-in that must come before the auth reply: from here on, pushes to the user
   * reach this session (on this node and through the bus).
   */
  register(link: SessionLink): void {
    const topic = userTopic(link.appId, link.user);
    let local = this.#local.get(topic);
    if (!local) {
      const sessions = new Set<SessionLink>();
      local = { sessions, handler: (m) => this.#onMessage(sessions, m), announced: false };
      this.#local.set(topic, local);
      this.#bus.subscribe(topic, local.handler);
    }
    local.sessions.add(link);
    this.#bus.track(topic, trackKey(link));
  }

  /**
   * The part that can follow the auth reply: presence and webhook listeners (the user's first
   * session here), sessions-changed listeners, and the multi-device policy applied on every node.
   * Does nothing for a session no longer registered (it closed in between).
   */
  announce(link: SessionLink, policy: MultiDevicePolicy): void {
    const topic = userTopic(link.appId, link.user);
    const local = this.#local.get(topic);
    if (!local?.sessions.has(link)) return;
    if (!local.announced) {
      local.announced = true;
      for (const l of this.#presence) l.online(link.appId, link.user);
    }
    this.#sessionsChanged(link);
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
    this.#bus.untrack(topic, trackKey(link));
    this.#sessionsChanged(link);
    if (local.sessions.size) return;
    this.#local.delete(topic);
    this.#bus.unsubscribe(topic, local.handler);
    if (local.announced) for (const l of this.#presence) l.offline(link.appId, link.user);
  }

  addPresenceListener(listener: PresenceListener): void {
    this.#presence.push(listener);
  }

  onSessionsChanged(listener: SessionsListener): void {
    this.#sessionsListeners.push(listener);
  }

  /**
   * Refuses (TOO_MANY_DEVICES) a login the app's `refuse-new` device limit does not leave room for,
   * counting devices on every node. The check and a hold on the slot are one atomic step (per user
   * on one node, and across nodes through the bus), so simultaneous logins cannot all pass it; the
   * returned release drops the hold once the session is registered (it then counts by itself) or
   * the login failed. A hold a crashed node leaves behind expires with its presence entries.
   */
  async admit(app: { id: string; settings: AppSettings }, user: string, deviceId: string): Promise<() => void> {
    if (app.settings.multiDevice !== 'refuse-new') return NO_HOLD;
    const topic = userTopic(app.id, user);
    const hold = JSON.stringify([`admit:${randomUUID()}`, HOLD_PLATFORM, deviceId]);
    if (!(await this.#bus.trackIfRoom(topic, hold, deviceId, app.settings.maxDevices)))
      throw new PigeonError('TOO_MANY_DEVICES', `At most ${app.settings.maxDevices} devices may be logged in at once.`);
    return () => this.#bus.untrack(topic, hold);
  }

  /** Devices of the user with a session on any node: this node's sessions, the others' from the bus. */
  async devices(appId: string, user: string): Promise<Array<{ deviceId: string; platform: string }>> {
    const topic = userTopic(appId, user);
    const local = [...(this.#local.get(topic)?.sessions ?? [])].map((s) => ({
      deviceId: s.deviceId,
      platform: s.platform,
    }));
    const remote = (await this.#bus.remoteSessions(topic)).flatMap((k) => deviceOf(k) ?? []);
    return [...local, ...remote];
  }

  #sessionsChanged(link: SessionLink): void {
    for (const l of this.#sessionsListeners) l(link.appId, link.user);
  }

  /** Pushes an event to every device of the user, except the session that caused it. */
  emit<E extends EventName>(appId: string, user: string, ev: E, d: Events[E], except?: string): void {
    this.#bus.publish(
      userTopic(appId, user),
      except === undefined ? { t: 'event', ev, d } : { t: 'event', ev, d, except },
    );
  }

  /**
   * Pushes one event to many users, serialized once: a broadcast to ten thousand members costs one
   * JSON.stringify and ten thousand socket writes of the same string.
   */
  emitMany<E extends EventName>(appId: string, users: Iterable<string>, ev: E, d: Events[E], except?: string): void {
    this.emitFrame(appId, users, JSON.stringify({ ev, d }), except);
  }

  /** Pushes an already serialized event frame (`{"ev":...,"d":...}`) to many users. */
  emitFrame(appId: string, users: Iterable<string>, text: string, except?: string): void {
    const m: BusMessage = except === undefined ? { t: 'frame', text } : { t: 'frame', text, except };
    for (const user of users) this.#bus.publish(userTopic(appId, user), m);
  }

  /** Closes every session of the user, on every node, telling them why. */
  disconnect(appId: string, user: string, reason: KickReason): void {
    const code = reason === 'deactivated' ? CloseCodes.DEACTIVATED : CloseCodes.KICKED;
    this.#bus.publish(userTopic(appId, user), { t: 'close', reason, code });
  }

  /** Whether this node holds a session of the user. */
  isOnline(appId: string, user: string): boolean {
    return (this.#local.get(userTopic(appId, user))?.sessions.size ?? 0) > 0;
  }

  /** Whether any node of the cluster holds a session of the user (presence kept by the bus). */
  isOnlineAnywhere(appId: string, user: string): Promise<boolean> {
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
      } else if (m.t === 'frame') {
        if (s.id !== m.except) s.pushFrame(m.text);
      } else if (m.t === 'invalidate' || m.t === 'state') {
        // cache and state topics only
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

const NO_HOLD = (): void => undefined;
/** The platform of a login's hold on a device slot (not a session: left out of device lists). */
const HOLD_PLATFORM = 'admitting';

/** What the bus tracks per session: its id, platform and device, so other nodes can list devices. */
const trackKey = (link: SessionLink): string => JSON.stringify([link.id, link.platform, link.deviceId]);

function deviceOf(key: string): { deviceId: string; platform: string } | undefined {
  try {
    const [, platform, deviceId] = JSON.parse(key) as unknown[];
    if (platform === HOLD_PLATFORM) return undefined;
    return typeof platform === 'string' && typeof deviceId === 'string' ? { deviceId, platform } : undefined;
  } catch {
    return undefined;
  }
}
