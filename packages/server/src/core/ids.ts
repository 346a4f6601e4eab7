/**
 * Server message ids: decimal strings of a 64-bit snowflake (ms since 2024-01-01, 10-bit node id,
 * 12-bit counter), so ids are unique across nodes and roughly time-ordered, and fit a JS string
 * without the precision loss a number would suffer.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from './ports/clock.js';

const EPOCH = 1_704_067_200_000n;
const NODE_BITS = 10n;
const COUNTER_BITS = 12n;
const MAX_COUNTER = (1 << Number(COUNTER_BITS)) - 1;

export type IdGenerator = () => string;

export function createIdGenerator(nodeId: number, clock: Clock): IdGenerator {
  if (!Number.isInteger(nodeId) || nodeId < 0 || nodeId >= 1 << Number(NODE_BITS)) {
    throw new RangeError(`nodeId must be an integer in 0..1023, got ${nodeId}`);
  }
  let lastMs = 0;
  let counter = 0;
  return () => {
    // Never go back in time: if the clock steps back, or the counter runs out, borrow from the next ms.
    const now = Math.max(clock.now(), lastMs);
    if (now === lastMs) {
      counter += 1;
      if (counter > MAX_COUNTER) {
        lastMs += 1;
        counter = 0;
      }
    } else {
      lastMs = now;
      counter = 0;
    }
    const id =
      ((BigInt(lastMs) - EPOCH) << (NODE_BITS + COUNTER_BITS)) | (BigInt(nodeId) << COUNTER_BITS) | BigInt(counter);
    return id.toString();
  };
}

/** Random ids for sessions, users' uuid and the like. */
export const uuid = (): string => randomUUID();
