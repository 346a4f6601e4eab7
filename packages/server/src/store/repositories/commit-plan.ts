/**
 * The database-independent half of a group commit (commit-batch.ts on Kysely, sqlite/sqlite-commit.ts
 * on better-sqlite3): which sends are retries of stored ones or of earlier ones in the batch, the
 * fresh ones grouped by conversation, and the outcomes once each conversation's seqs are reserved.
 */
import type { CommitOutcome, NewMessage } from '../../core/ports/messages.js';

/** The fresh messages of one conversation, in arrival order; `last` is the newest. */
export interface Run {
  last: NewMessage;
  indexes: number[];
}

export interface CommitPlan {
  outcomes: CommitOutcome[];
  /** Fresh messages, by conversation (sorted by key, so nodes lock conversations in one order). */
  runs: Run[];
  /** Indexes of the fresh messages, in arrival order. */
  fresh: number[];
  /** [copy, original]: a retry of a send earlier in the same batch. */
  copies: Array<[number, number]>;
}

export const dedupKey = (m: { appId: string; from: string; cid: string }): string =>
  `${m.appId}\u0000${m.from}\u0000${m.cid}`;

/** `stored` gives the stored original of a send already committed, by dedupKey. */
export function planBatch(
  batch: NewMessage[],
  stored: (key: string, m: NewMessage) => CommitOutcome | undefined,
): CommitPlan {
  const outcomes = new Array<CommitOutcome>(batch.length);
  const first = new Map<string, number>();
  const copies: Array<[number, number]> = [];
  const fresh: number[] = [];
  for (let i = 0; i < batch.length; i++) {
    const m = batch[i]!;
    const k = dedupKey(m);
    const prior = stored(k, m);
    const earlier = first.get(k);
    if (prior) outcomes[i] = prior;
    else if (earlier !== undefined) copies.push([i, earlier]);
    else {
      first.set(k, i);
      fresh.push(i);
    }
  }
  return { outcomes, runs: groupByConversation(batch, fresh), fresh, copies };
}

/** Fills the fresh messages' outcomes from each run's first reserved seq (in `runs` order). */
export function assignSeqs(batch: NewMessage[], plan: CommitPlan, firstSeqs: number[], ts: number): void {
  for (let r = 0; r < plan.runs.length; r++) {
    let seq = firstSeqs[r]!;
    for (const i of plan.runs[r]!.indexes) {
      const m = batch[i]!;
      plan.outcomes[i] = { id: m.id, cid: m.cid, conv: m.conv, seq: seq++, ts, duplicate: false };
    }
  }
}

/** Retries within the batch get their original's outcome, marked duplicate. */
export function finishCopies(plan: CommitPlan): CommitOutcome[] {
  for (const [i, j] of plan.copies) plan.outcomes[i] = { ...plan.outcomes[j]!, duplicate: true };
  return plan.outcomes;
}

/**
 * Indexes of `fresh` grouped by (app, conversation), each group in arrival order; groups sorted by
 * key so concurrent commits on several nodes lock conversation rows in the same order.
 */
function groupByConversation(batch: NewMessage[], fresh: number[]): Run[] {
  const groups = new Map<string, number[]>();
  for (const i of fresh) {
    const k = `${batch[i]!.appId}\u0000${batch[i]!.conv}`;
    const g = groups.get(k);
    if (g) g.push(i);
    else groups.set(k, [i]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, indexes]) => ({ last: batch[indexes[indexes.length - 1]!]!, indexes }));
}
