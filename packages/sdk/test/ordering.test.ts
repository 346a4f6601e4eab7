import type { Message } from '@pigeon/protocol';
import { describe, expect, it } from 'vitest';
import { Ordering } from '../src/core/ordering.js';
import { Positions } from '../src/core/positions.js';

const CONV = 's:alice:bob';
const m = (seq: number, conv = CONV): Message =>
  ({
    id: `m${seq}`,
    cid: `c${seq}`,
    conv,
    chat: 'single',
    from: 'bob',
    to: 'alice',
    type: 'txt',
    body: { text: `#${seq}` },
    seq,
    ts: seq,
  }) as Message;

/** An Ordering over a fake server history of `serverSeqs` per conversation. */
function harness(serverSeqs: number[], start?: number) {
  const positions = new Positions(undefined, 'k', 100);
  if (start !== undefined) positions.set(CONV, start);
  const seen: number[] = [];
  const pulls: number[] = [];
  let release: (() => void) | undefined;
  let gate: Promise<void> | undefined;
  const ordering = new Ordering(
    positions,
    async (_conv, afterSeq) => {
      pulls.push(afterSeq);
      if (gate) await gate;
      const after = serverSeqs.filter((s) => s > afterSeq);
      return { msgs: after.slice(0, 2).map((s) => m(s)), hasMore: after.length > 2 };
    },
    (msgs) => seen.push(...msgs.map((x) => x.seq)),
  );
  return {
    ordering,
    positions,
    seen,
    pulls,
    block: () => (gate = new Promise((r) => (release = r))),
    unblock: () => (release?.(), (gate = undefined)),
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('ordering: per-conversation seq, gaps and duplicates', () => {
  it('surfaces in-order pushes at once', () => {
    const h = harness([1, 2, 3], 0);
    for (const s of [1, 2, 3]) h.ordering.push(m(s));
    expect(h.seen).toEqual([1, 2, 3]);
    expect(h.pulls).toEqual([]);
    expect(h.positions.get(CONV)).toBe(3);
  });

  it('drops duplicates at or below the position', () => {
    const h = harness([1, 2], 0);
    for (const s of [1, 1, 2, 1, 2]) h.ordering.push(m(s));
    expect(h.seen).toEqual([1, 2]);
  });

  it('a push above position + 1 waits while the gap is pulled, then comes after it', async () => {
    const h = harness([1, 2, 3, 4, 5], 1);
    h.ordering.push(m(5));
    expect(h.seen).toEqual([]); // 5 is held back
    await settle();
    await settle();
    expect(h.pulls[0]).toBe(1);
    expect(h.seen).toEqual([2, 3, 4, 5]);
    expect(h.positions.get(CONV)).toBe(5);
  });

  it('pushes that arrive during a gap fill are ordered with it and not duplicated', async () => {
    const h = harness([1, 2, 3, 4, 5, 6], 1);
    h.block();
    h.ordering.push(m(4)); // gap 2..3: fill starts
    h.ordering.push(m(6));
    h.ordering.push(m(2)); // the lost push arrives late
    expect(h.seen).toEqual([2]);
    h.unblock();
    await new Promise((r) => setTimeout(r, 10));
    expect(h.seen).toEqual([2, 3, 4, 5, 6]);
  });

  it('seqs the server does not return (cleared history) are skipped, not waited on forever', async () => {
    const h = harness([1, 2, 7, 8], 2);
    h.ordering.push(m(8));
    await new Promise((r) => setTimeout(r, 10));
    expect(h.seen).toEqual([7, 8]);
  });

  it('while held (offline positions unknown), pushes wait; release surfaces them in order', async () => {
    const h = harness([1, 2, 3], undefined);
    h.ordering.hold();
    h.ordering.push(m(3));
    h.ordering.push(m(2));
    expect(h.seen).toEqual([]);
    h.positions.set(CONV, 0); // sync learnt the read position
    h.ordering.release();
    await new Promise((r) => setTimeout(r, 10));
    expect(h.seen).toEqual([1, 2, 3]);
  });

  it('a conversation seen for the first time at seq 1 surfaces at once, without a pull', () => {
    const h = harness([1, 2], undefined);
    h.ordering.push(m(1));
    expect(h.seen).toEqual([1]);
    expect(h.pulls).toEqual([]);
  });

  it('a conversation seen for the first time above seq 1 is pulled from where the server lets the user start', async () => {
    // A group joined after seq 2: the server shows 3 and 4 only. The push of 4 overtook the push of 3
    // (they came from two nodes); 3 must not be taken for read.
    const h = harness([3, 4], undefined);
    h.ordering.push(m(4));
    h.ordering.push(m(3));
    await settle();
    await settle();
    expect(h.pulls[0]).toBe(0);
    expect(h.seen).toEqual([3, 4]);
  });

  it('fill() pulls page by page until the server has no more', async () => {
    const h = harness([1, 2, 3, 4, 5], 0);
    await h.ordering.fill(CONV);
    expect(h.pulls).toEqual([0, 2, 4]);
    expect(h.seen).toEqual([1, 2, 3, 4, 5]);
  });

  it('cmd messages (seq 0) pass through at once, deduplicated by id', () => {
    const h = harness([], 0);
    const cmd = { ...m(0), id: 'cmd1', type: 'cmd', body: { action: 'typing' } } as Message;
    h.ordering.hold();
    h.ordering.push(cmd);
    h.ordering.push(cmd);
    expect(h.seen).toEqual([0]);
  });

  it('chatroom messages are deduplicated but never gap-filled', () => {
    const h = harness([], undefined);
    h.ordering.push(m(5, 'r:room1'));
    h.ordering.push(m(9, 'r:room1'));
    h.ordering.push(m(9, 'r:room1'));
    expect(h.seen).toEqual([5, 9]);
    expect(h.pulls).toEqual([]);
  });
});
