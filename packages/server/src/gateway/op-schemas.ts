/**
 * One schema per op's request data (`d`), compiled once. Message contents are checked in depth by the
 * core (the same check REST sends get), so here `msg` only has to be an object.
 */
import { PLATFORMS, PigeonError, type OpName } from '@pigeon/protocol';
import { Type, type TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { CONTACTS_OP_SCHEMAS } from './op-schemas-contacts.js';
import { SOCIAL_EXTRA_OP_SCHEMAS } from './social-extra-op-schemas.js';
import { CHATROOM_OP_SCHEMAS, GROUP_OP_SCHEMAS } from './social-op-schemas.js';

const Conv = Type.String({ minLength: 3, maxLength: 300 });
const Seq = Type.Integer({ minimum: 0 });
const Limit = Type.Integer({ minimum: 1 });
const Id = Type.String({ minLength: 1, maxLength: 64 });
const Cursor = Type.String({ maxLength: 512 });

export const OP_SCHEMAS: Record<OpName, TSchema> = {
  auth: Type.Object({
    v: Type.Integer(),
    appKey: Type.String({ minLength: 3, maxLength: 200 }),
    token: Type.String({ minLength: 1, maxLength: 4096 }),
    platform: Type.Union(PLATFORMS.map((p) => Type.Literal(p))),
    deviceId: Type.String({ minLength: 1, maxLength: 128 }),
    sdk: Type.Optional(Type.String({ maxLength: 128 })),
  }),
  ping: Type.Union([Type.Undefined(), Type.Object({})]),
  'msg.send': Type.Object({ msg: Type.Object({}) }),
  'msg.pull': Type.Object({ conv: Conv, afterSeq: Seq, limit: Type.Optional(Limit) }),
  'msg.history': Type.Object({ conv: Conv, beforeSeq: Type.Optional(Seq), limit: Type.Optional(Limit) }),
  'msg.recall': Type.Object({ conv: Conv, id: Id }),
  'msg.delivered': Type.Object({ conv: Conv, id: Id }),
  'conv.read': Type.Object({ conv: Conv, seq: Type.Optional(Seq), id: Type.Optional(Id) }),
  'conv.list': Type.Object({ cursor: Type.Optional(Cursor), limit: Type.Optional(Limit) }),
  'conv.delete': Type.Object({ conv: Conv, deleteRoam: Type.Optional(Type.Boolean()) }),
  'sync.positions': Type.Object({ cursor: Type.Optional(Cursor), limit: Type.Optional(Limit) }),
  ...CONTACTS_OP_SCHEMAS,
  ...GROUP_OP_SCHEMAS,
  ...CHATROOM_OP_SCHEMAS,
  ...SOCIAL_EXTRA_OP_SCHEMAS,
};

/** Integers without a maximum get MAX_SAFE_INTEGER: 1e300 is an integer to JSON Schema, not to SQL. */
function boundIntegers(s: TSchema): TSchema {
  if (s.type === 'integer' && s.maximum === undefined) s.maximum = Number.MAX_SAFE_INTEGER;
  for (const v of Object.values(s as Record<string, unknown>))
    if (v && typeof v === 'object')
      for (const c of Array.isArray(v) ? v : [v]) if (c && typeof c === 'object') boundIntegers(c as TSchema);
  return s;
}

const CHECKERS = new Map<string, TypeCheck<TSchema>>();

/** An op's compiled check, compiled on its first frame rather than all of them at start. */
function checkerOf(op: OpName): TypeCheck<TSchema> {
  let checker = CHECKERS.get(op);
  if (!checker) CHECKERS.set(op, (checker = TypeCompiler.Compile(boundIntegers(OP_SCHEMAS[op]))));
  return checker;
}

/** Throws BAD_REQUEST whose `details.path` points into `d` (e.g. `/afterSeq`). */
export function validateOpData(op: OpName, d: unknown): void {
  const checker = checkerOf(op);
  if (checker.Check(d)) return; // the compiled check; errors are listed only on failure
  const err = checker.Errors(d).First();
  if (!err) return;
  const path = err.path || '/';
  throw new PigeonError('BAD_REQUEST', `${op} ${path}: ${err.message}`, { details: { path } });
}
