/**
 * Repeated query parameters, for every route: the mini-program and uni-app builds of the Easemob SDK
 * put the query in the URL and pass the same data to wx.request / uni.request, which append it again
 * for a GET, so each parameter comes twice (`?a=1&a=1`). Fastify parses a repeated key as an array.
 * Where the route's schema says the field is a scalar, a repeat of one value is that value; two
 * different values are a typed 400 (we will not guess which one the caller meant). Array fields keep
 * every value. Keys the schema does not name are collapsed only when all their values agree.
 */
import { PigeonError } from '@pigeon/protocol';
import type { FastifyInstance } from 'fastify';

interface FieldSchema {
  type?: unknown;
  anyOf?: FieldSchema[];
  oneOf?: FieldSchema[];
}

interface QuerySchema {
  properties?: Record<string, FieldSchema>;
}

/** Whether a field's schema accepts an array (directly or as one branch of a union). */
export function takesArray(s: FieldSchema | undefined): boolean {
  if (!s) return false;
  if (s.type === 'array' || (Array.isArray(s.type) && s.type.includes('array'))) return true;
  return [...(s.anyOf ?? []), ...(s.oneOf ?? [])].some(takesArray);
}

/** The query with repeats of scalar fields folded to one value; throws BAD_REQUEST on a conflict. */
export function foldRepeats(query: Record<string, unknown>, schema: QuerySchema | undefined): Record<string, unknown> {
  if (!Object.values(query).some(Array.isArray)) return query;
  return Object.fromEntries(
    Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? fold(k, v, schema?.properties?.[k]) : v]),
  );
}

function fold(key: string, values: unknown[], field: FieldSchema | undefined): unknown {
  if (takesArray(field)) return values;
  if (values.every((v) => v === values[0])) return values[0];
  if (!field) return values; // a key the route does not name: its schema decides
  throw new PigeonError('BAD_REQUEST', `/querystring/${key}: given twice with different values.`, {
    details: { path: `/querystring/${key}` },
  });
}

export function installQueryRepeats(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    const query = req.query;
    if (!query || typeof query !== 'object') return;
    const schema = req.routeOptions.schema?.querystring as QuerySchema | undefined;
    req.query = foldRepeats(query as Record<string, unknown>, schema);
  });
}
