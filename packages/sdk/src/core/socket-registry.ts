/**
 * Process-wide count of the sockets Pigeon holds per runtime, against the platform's rule
 * (seeds 000-003: WeChat/QQ at most 5, Alipay 1 where a new one silently closes the old, ...).
 * Going over the limit fails at once with SOCKET_LIMIT naming the rule, instead of the platform
 * failing silently or killing another connection's socket.
 *
 * A connection holds one claim from open() to close(): a reconnect reuses it, so another
 * connection cannot take the slot while this one is between sockets.
 */
import { PigeonError } from '@pigeon/protocol';
import type { PlatformAdapter, PlatformSocket, SocketHandlers } from './platform.js';

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

/**
 * One connection's socket: at most one open at a time, the old one really closed before a new
 * one is opened (Alipay closes the old itself, ByteDance never does, WeChat counts both).
 */
export class SocketSlot {
  readonly #adapter: PlatformAdapter;
  #claim: SocketClaim | undefined;
  #socket: PlatformSocket | undefined;

  constructor(adapter: PlatformAdapter) {
    this.#adapter = adapter;
  }

  /** True between reserve()/open() and release(). */
  get reserved(): boolean {
    return this.#claim !== undefined;
  }

  get socket(): PlatformSocket | undefined {
    return this.#socket;
  }

  /** Takes the slot (synchronously, so open() can fail at once); no-op when already held. */
  reserve(): void {
    this.#claim ??= claimSocket(this.#adapter);
  }

  /** Closes this slot's previous socket and waits for it, then opens a new one. */
  async open(url: string, handlers: SocketHandlers): Promise<PlatformSocket> {
    this.reserve();
    await this.closeSocket(1000, 'reconnect');
    if (!this.#claim) throw new PigeonError('CLOSED', 'The connection was released while it was reconnecting.');
    const mine: { socket?: PlatformSocket; closed?: boolean } = {};
    const socket = this.#adapter.connect(url, {
      ...handlers,
      onClose: (code, reason) => {
        mine.closed = true;
        if (mine.socket && this.#socket === mine.socket) this.#socket = undefined;
        handlers.onClose(code, reason);
      },
    });
    mine.socket = socket;
    if (!mine.closed) this.#socket = socket;
    return socket;
  }

  /** Closes the current socket (if any) and resolves when it is really closed; keeps the slot. */
  async closeSocket(code = 1000, reason = ''): Promise<void> {
    const s = this.#socket;
    this.#socket = undefined;
    if (s) await s.close(code, reason);
  }

  /** Closes the socket, waits for it, then frees the slot for another connection. */
  async release(code = 1000, reason = ''): Promise<void> {
    try {
      await this.closeSocket(code, reason);
    } finally {
      this.#claim?.release();
      this.#claim = undefined;
    }
  }
}
