/**
 * The harness only ever talks to loopback. Every URL it dials and every source address it binds goes
 * through these guards, so a typo in a flag cannot turn a load test on someone else's machine.
 */
import { isIPv4 } from 'node:net';

/** Linux gives each source address its own ephemeral range (32768-60999 by default, ~28k ports). */
export const DEFAULT_PER_ADDRESS = 25_000;

export class NotLoopbackError extends Error {
  constructor(what: string) {
    super(`refusing to use ${what}: the benchmark only targets loopback (127.0.0.0/8)`);
    this.name = 'NotLoopbackError';
  }
}

export function isLoopbackV4(host: string): boolean {
  return isIPv4(host) && host.startsWith('127.');
}

/** Rewrites `localhost`/`0.0.0.0`/`[::]` to 127.0.0.1 and refuses anything that is not loopback. */
export function loopbackUrl(raw: string): string {
  const url = new URL(raw);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host === '0.0.0.0' || host === '::' || host === '::1') url.hostname = '127.0.0.1';
  else if (!isLoopbackV4(host)) throw new NotLoopbackError(raw);
  return url.toString().replace(/\/$/, '');
}

/** Source address for connection number `i`: 127.0.0.1 for the first `perAddress`, then .2, .3 … */
export function sourceAddress(i: number, perAddress = DEFAULT_PER_ADDRESS): string {
  const n = 1 + Math.floor(i / perAddress);
  if (n > 254) throw new NotLoopbackError(`connection #${i} (more than 254 source addresses)`);
  return `127.0.0.${n}`;
}

/**
 * What to bind connection `i` to: nothing for the first `perAddress` (the kernel's connect() picks
 * 127.0.0.1 and a port), the address otherwise. Binding costs: Node binds with port 0 before
 * connecting, and that bind() searches for a port no other socket holds, in the kernel, at about
 * 2 ms of system CPU per connect once a few thousand ports are in use or in TIME_WAIT. That made the
 * generator, not the server, the bound of every connect run (ws relay 1,222/s, then ~170/s).
 */
export function bindAddress(i: number, perAddress = DEFAULT_PER_ADDRESS): string | undefined {
  return i < perAddress ? undefined : sourceAddress(i, perAddress);
}
