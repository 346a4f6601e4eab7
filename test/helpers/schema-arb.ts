/**
 * fast-check arbitraries driven by a JSON Schema (TypeBox schemas and the server's OpenAPI are both
 * JSON Schema): values that mostly have the right shape, so fuzzing reaches past validation into the
 * core, with hostile leaves (huge, unicode, traversal, markup, wrong types) mixed in.
 */
import fc from 'fast-check';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON Schema is read field by field
type Schema = any;

export interface ArbOptions {
  /** Strings worth trying where a name or id is expected (real users, groups...). */
  names?: string[];
  /** Longest hostile string; keep it under the frame/body limit unless testing the limit. */
  hugeLength?: number;
  /** Chance (0..1) of replacing any node with a value of any type. */
  chaos?: number;
}

const HOSTILE = [
  '',
  ' ',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'; DROP TABLE messages; --",
  '\u0000',
  '\ud800',
  '🐦‍🔥',
  '%00',
  '__proto__',
  'constructor',
  '#',
  'a#b',
  '-1',
  'NaN',
  '1e309',
];

export function hostileString(o: ArbOptions = {}): fc.Arbitrary<string> {
  const huge = o.hugeLength ?? 10_000;
  return fc.oneof(
    fc.constantFrom(...HOSTILE, ...(o.names ?? [])),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ maxLength: 12 }),
    fc.integer({ min: huge / 2, max: huge }).map((n) => 'x'.repeat(n)),
  );
}

const anyValue = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 20 }),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
);

const hostileNumber = fc.oneof(
  fc.integer({ min: -5, max: 50 }),
  fc.constantFrom(0, -1, 2 ** 31, 2 ** 53 - 1, Number.MAX_SAFE_INTEGER + 2, 1.5, 1e300),
);

export function fromSchema(schema: Schema, o: ArbOptions = {}, depth = 0): fc.Arbitrary<unknown> {
  const shaped = shapedArb(schema ?? {}, o, depth);
  const chaos = o.chaos ?? 0.1;
  if (chaos <= 0) return shaped;
  return fc.oneof(
    { weight: Math.round((1 - chaos) * 100), arbitrary: shaped },
    { weight: Math.round(chaos * 100), arbitrary: anyValue },
  );
}

function shapedArb(s: Schema, o: ArbOptions, depth: number): fc.Arbitrary<unknown> {
  if (depth > 6) return anyValue;
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  const alts = s.anyOf ?? s.oneOf;
  if (Array.isArray(alts) && alts.length) return fc.oneof(...alts.map((a: Schema) => fromSchema(a, o, depth + 1)));
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string':
      return hostileString(o);
    case 'integer':
    case 'number':
      return hostileNumber;
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'undefined':
      return fc.constant(undefined);
    case 'array':
      return fc.array(fromSchema(s.items ?? {}, o, depth + 1), { maxLength: 4 });
    case 'object':
      return objectArb(s, o, depth);
    default:
      return anyValue;
  }
}

function objectArb(s: Schema, o: ArbOptions, depth: number): fc.Arbitrary<unknown> {
  const props = (s.properties ?? {}) as Record<string, Schema>;
  const keys = Object.keys(props);
  if (!keys.length) return fc.dictionary(fc.string({ maxLength: 8 }), anyValue, { maxKeys: 3 });
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const k of keys) model[k] = fromSchema(props[k], o, depth + 1);
  const required = (s.required ?? []) as string[];
  return fc.record(model, { requiredKeys: required.filter((k) => keys.includes(k)) });
}
