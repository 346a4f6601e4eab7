/**
 * Frames for one socket within one turn of the event loop leave in one write. The first frame a
 * socket gets in a turn corks it; one setImmediate for all sockets uncorks them after the turn's
 * acks (microtasks after a commit) and pushes (the fan-out's own setImmediate, queued before) were
 * written, so a sender's acks and the pushes it gets from one group commit share a system call
 * instead of one `writev` each. Order on a socket is unchanged; nothing waits for a timer.
 */
import type { Writable } from 'node:stream';

const corked = new Set<Writable>();
let scheduled = false;

export function corkForThisTurn(socket: Writable): void {
  if (corked.has(socket)) return;
  socket.cork();
  corked.add(socket);
  if (scheduled) return;
  scheduled = true;
  setImmediate(uncorkAll);
}

function uncorkAll(): void {
  scheduled = false;
  for (const s of corked) s.uncork();
  corked.clear();
}
