/**
 * Process-wide count of the sockets Pigeon holds per runtime, against the platform's rule
 * (seeds 000-003: WeChat/QQ at most 5, Alipay 1 where a new one silently closes the old, ...).
 * Going over the limit fails at once with SOCKET_LIMIT naming the rule, instead of the platform
 * failing silently or killing another connection's socket.
 *
 * A connection holds one claim from open() to close(): a reconnect reuses it, so another
 * connection cannot take the slot while this one is between sockets (the session closes each old
 * socket, and waits for it, before it opens the next: core/session.ts).
 */
import { PigeonError } from '@pigeon/protocol';
import type { PlatformAdapter } from './platform.js';

type RuleSource = Pick<PlatformAdapter, 'name' | 'socketRule' | 'scope'>;

export interface SocketClaim {
  readonly platform: string;
  readonly released: boolean;
  /** Idempotent. */
  release(): void;
}

const claims = new Map<unknown, Set<SocketClaim>>();
const keyOf = (a: RuleSource): unknown => a.scope ?? a.name;

/** Sockets Pigeon currently holds on this adapter's runtime. */
export function heldSockets(adapter: RuleSource): number {
  return claims.get(keyOf(adapter))?.size ?? 0;
}

/** Sockets held on every runtime of that platform name. */
export function socketsInUse(platform: string): number {
  let n = 0;
  for (const held of claims.values()) for (const c of held) if (c.platform === platform) n++;
  return n;
}

export function describeRule(adapter: RuleSource): string {
  const r = adapter.socketRule;
  if (r.note) return r.note;
  const max = Number.isFinite(r.maxSockets) ? `at most ${r.maxSockets}` : 'any number of';
  return `${adapter.name}: ${max} WebSocket connection(s) at once${r.newClosesOld ? '; a new one closes the old' : ''}`;
}

/** Claims one socket slot; throws SOCKET_LIMIT when the platform's rule would be broken. */
export function claimSocket(adapter: RuleSource): SocketClaim {
  const key = keyOf(adapter);
  const held = claims.get(key) ?? new Set<SocketClaim>();
  const { maxSockets, newClosesOld } = adapter.socketRule;
  if (held.size >= maxSockets) {
    const rule = describeRule(adapter);
    throw new PigeonError('SOCKET_LIMIT', `Cannot open another socket: ${rule}. Close another connection first.`, {
      details: { platform: adapter.name, maxSockets, newClosesOld, inUse: held.size, rule },
    });
  }
  let released = false;
  const claim: SocketClaim = {
    platform: adapter.name,
    get released() {
      return released;
    },
    release() {
      if (released) return;
      released = true;
      held.delete(claim);
      if (held.size === 0) claims.delete(key);
    },
  };
  held.add(claim);
  claims.set(key, held);
  return claim;
}

/** Claims a slot or throws SOCKET_LIMIT naming the rule; returns the release function (idempotent). */
export function claimSocketSlot(adapter: RuleSource): () => void {
  const claim = claimSocket(adapter);
  return () => claim.release();
}
