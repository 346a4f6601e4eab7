// Property-based: whatever bytes arrive, the frame decoder answers with a request or a typed error, never throws.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OP_NAMES, PigeonError } from '@pigeon/protocol';
import { MAX_JSON_DEPTH } from '../src/core/json-depth.js';
import { decodeFrame } from '../src/gateway/decode-frame.js';

function check(data: Buffer, isBinary: boolean): void {
  const r = decodeFrame(data, isBinary);
  if ('ok' in r) {
    expect(Number.isSafeInteger(r.ok.id) && r.ok.id > 0).toBe(true);
    expect(OP_NAMES).toContain(r.ok.op);
    expect(isBinary).toBe(false);
    return;
  }
  expect(r.error).toBeInstanceOf(PigeonError);
  expect(['BAD_FRAME', 'UNKNOWN_OP']).toContain(r.error.type);
  expect(Number.isSafeInteger(r.re) && r.re >= 0).toBe(true);
  expect(r.error.message.length).toBeLessThan(200); // an echoed op is cut, not copied whole
}

const validFrame = fc.record({
  id: fc.integer({ min: 1, max: 2 ** 31 }),
  op: fc.constantFrom(...OP_NAMES),
  d: fc.anything(),
});

/** A valid frame with one field replaced by something of another type. */
const mutatedFrame = fc
  .tuple(validFrame, fc.constantFrom('id', 'op', 'd', 'extra'), fc.anything())
  .map(([f, key, v]) => ({ ...f, [key]: v }));

describe('decodeFrame (fast-check)', () => {
  it('random bytes, as text or binary', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), fc.boolean(), (bytes, bin) => check(Buffer.from(bytes), bin)),
      { numRuns: 2000 },
    );
  });

  it('random JSON values, valid frames and frames with a field of the wrong type', () => {
    const json = fc.oneof(fc.jsonValue(), validFrame, mutatedFrame);
    fc.assert(
      fc.property(json, (v) => check(Buffer.from(JSON.stringify(v) ?? 'undefined'), false)),
      { numRuns: 3000 },
    );
  });

  it('valid frames are accepted with their id and op', () => {
    fc.assert(
      fc.property(validFrame, (f) => {
        const r = decodeFrame(Buffer.from(JSON.stringify(f)), false);
        expect('ok' in r && r.ok.id === f.id && r.ok.op === f.op).toBe(true);
      }),
    );
  });

  it('unknown ops (huge, unicode, prototype names) get UNKNOWN_OP with the request id and a cut name', () => {
    const op = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 5000 }),
      fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'msg.send ', 'MSG.SEND'),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1 }), op, (id, name) => {
        fc.pre(!OP_NAMES.includes(name as never));
        const r = decodeFrame(Buffer.from(JSON.stringify({ id, op: name })), false);
        expect('error' in r && r.re === id && r.error.type === 'UNKNOWN_OP').toBe(true);
      }),
    );
  });

  it('deeply nested JSON and invalid UTF-8 are handled like any other frame', () => {
    check(Buffer.from(`{"id":1,"op":"ping","d":${'['.repeat(30_000)}${']'.repeat(30_000)}}`), false);
    check(Buffer.from('['.repeat(60_000)), false);
    check(Buffer.from([0x7b, 0x22, 0x69, 0x64, 0x22, 0x3a, 0x31, 0xff, 0xfe, 0x7d]), false);
    check(Buffer.from('{"id":1,"op":"\ud800"}'), false);
  });

  it('the depth limit holds at its edge, whether or not the frame has brackets inside strings', () => {
    const frame = (levels: number, text: string) =>
      Buffer.from(`{"id":7,"op":"ping","d":${'['.repeat(levels)}"${text}"${']'.repeat(levels)}}`);
    for (const text of ['', '{'.repeat(100), '[x]'.repeat(40)]) {
      for (const levels of [MAX_JSON_DEPTH - 2, MAX_JSON_DEPTH - 1])
        expect('ok' in decodeFrame(frame(levels, text), false)).toBe(true);
      for (const levels of [MAX_JSON_DEPTH, MAX_JSON_DEPTH + 1]) {
        const r = decodeFrame(frame(levels, text), false);
        expect('error' in r && r.re === 7 && r.error.type === 'BAD_FRAME').toBe(true);
      }
    }
  });
});
