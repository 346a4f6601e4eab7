/** Op checks compile on an op's first frame: every op's schema must still compile and answer typed errors. */
import { PigeonError, type OpName } from '@pigeon/protocol';
import { describe, expect, it } from 'vitest';
import { OP_SCHEMAS, validateOpData } from '../src/gateway/op-schemas.js';

describe('op schemas (compiled on first use)', () => {
  it('every op compiles; bad data gets BAD_REQUEST with a path, never another error', () => {
    const ops = Object.keys(OP_SCHEMAS) as OpName[];
    expect(ops.length).toBeGreaterThan(20);
    for (const op of ops)
      for (const data of [{}, 42, { unexpected: [1e300] }]) {
        try {
          validateOpData(op, data);
        } catch (e) {
          expect(e, op).toBeInstanceOf(PigeonError);
          expect((e as PigeonError).type, op).toBe('BAD_REQUEST');
          expect((e as PigeonError).details?.path, op).toEqual(expect.any(String));
        }
      }
  });
});
