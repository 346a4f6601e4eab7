/** Turns raw WebSocket data into a request frame, or the error (and reply id) it deserves. */
import { OP_NAMES, PigeonError, type OpName } from '@pigeon/protocol';
import type { RawData } from 'ws';
import { MAX_JSON_DEPTH, tooDeep } from '../core/json-depth.js';

export interface DecodedRequest {
  id: number;
  op: OpName;
  d: unknown;
}

export type Decoded = { ok: DecodedRequest } | { re: number; error: PigeonError };

/** Looked up on every frame: a set, not a scan of the op list. */
const OPS: ReadonlySet<string> = new Set(OP_NAMES);

const bad = (re: number, message: string): Decoded => ({ re, error: new PigeonError('BAD_FRAME', message) });

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;

/**
 * Whether the raw frame has fewer opening brackets than the depth limit (counting those inside
 * strings too): such a frame cannot nest too deep, so the common frame skips a second walk over
 * the parsed value. A cheap byte scan, no allocation.
 */
function cannotBeTooDeep(data: RawData): boolean {
  if (!Buffer.isBuffer(data)) return false;
  let open = 0;
  for (let i = 0; i < data.length; i++) {
    const b = data[i];
    if ((b === OPEN_BRACE || b === OPEN_BRACKET) && ++open >= MAX_JSON_DEPTH) return false;
  }
  return true;
}

export function decodeFrame(data: RawData, isBinary: boolean): Decoded {
  if (isBinary) return bad(0, 'Frames are JSON text, not binary.');
  let frame: unknown;
  try {
    frame = JSON.parse(data.toString());
  } catch {
    return bad(0, 'The frame is not valid JSON.');
  }
  if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) return bad(0, 'A frame is a JSON object.');
  const { id, op, d } = frame as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0)
    return bad(0, 'The frame has no usable id (a positive integer).');
  if (typeof op !== 'string') return bad(id, 'The frame has no op.');
  if (!cannotBeTooDeep(data) && tooDeep(d, MAX_JSON_DEPTH - 1))
    return bad(id, `The frame nests deeper than ${MAX_JSON_DEPTH} levels.`);
  if (!OPS.has(op))
    return {
      re: id,
      error: new PigeonError('UNKNOWN_OP', `Unknown op "${op.slice(0, 64)}".`, { details: { op: op.slice(0, 64) } }),
    };
  return { ok: { id, op: op as OpName, d } };
}
