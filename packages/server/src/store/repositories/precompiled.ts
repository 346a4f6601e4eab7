/**
 * Queries the hot paths run again and again (a user by name at every sign-in, a block check, a
 * page of history), built and compiled once: each call only binds new values, where the query
 * builder would otherwise rebuild and recompile the same query every time. Works on every dialect
 * (it is the dialect's own compiled SQL); SQLite's statement cache then finds the prepared statement.
 */
import type { Compilable, CompiledQuery, Kysely } from 'kysely';

/** The value bound at position `i` of a precompiled query (a marker the first compile checks). */
export const slot = <T = string>(i: number): T => `\u0000slot:${i}` as unknown as T;

/** `build` must bind slot(0), slot(1) … in that order and nothing else. */
export function precompiled<DB, Row>(
  db: Kysely<DB>,
  build: () => Compilable<Row>,
): (...values: unknown[]) => Promise<Row[]> {
  let compiled: CompiledQuery<Row> | undefined;
  return async (...values) => {
    compiled ??= checked(build().compile());
    if (values.length !== compiled.parameters.length)
      throw new Error(`precompiled query takes ${compiled.parameters.length} values, got ${values.length}`);
    return (await db.executeQuery<Row>({ ...compiled, parameters: values })).rows;
  };
}

function checked<Row>(c: CompiledQuery<Row>): CompiledQuery<Row> {
  c.parameters.forEach((p, i) => {
    if (p !== slot(i)) throw new Error(`precompiled query binds ${String(p)} where slot ${i} was expected: ${c.sql}`);
  });
  return c;
}
