/**
 * Offline sync (docs/protocol.md, "Offline sync and gaps"): page through `sync.positions`, start each
 * conversation at max(local seq, read position, cleared position), then pull every conversation
 * whose last seq is above that, a few at a time.
 */
import type { OpReply, SyncPosition } from '@pigeon/protocol';
import type { Ordering } from './ordering.js';
import type { Positions } from './positions.js';

export interface SyncDeps {
  positionsPage(cursor: string | undefined): Promise<OpReply<'sync.positions'>>;
  positions: Positions;
  ordering: Ordering;
  /** Conversations pulled at once. */
  concurrency: number;
}

export async function syncOffline(d: SyncDeps): Promise<void> {
  const todo: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await d.positionsPage(cursor);
    for (const p of page.convs) if (plan(d.positions, p)) todo.push(p.conv);
    cursor = page.cursor ?? undefined;
  } while (cursor);
  d.ordering.release();
  await eachLimited(todo, d.concurrency, (conv) => d.ordering.fill(conv));
}

/** Moves the local position up to what the user has read or cleared; true when there is more to pull. */
function plan(positions: Positions, p: SyncPosition): boolean {
  if (p.conv.startsWith('r:')) return false; // chatrooms are not synced offline
  const local = positions.get(p.conv);
  const from = Math.max(local ?? 0, p.readSeq, p.clearedSeq);
  if (local === undefined || from > local) positions.set(p.conv, from);
  return p.lastSeq > from;
}

async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
