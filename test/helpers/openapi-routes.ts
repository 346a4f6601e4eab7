/**
 * Every REST route the server documents, read from its own OpenAPI (/docs/json): tests that walk
 * this list cover routes added later without being edited.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- OpenAPI is read field by field
type Json = any;

export interface RouteSpec {
  method: string;
  /** OpenAPI template, e.g. /{org}/{app}/users/{username}. */
  path: string;
  pathParams: string[];
  query: Record<string, Json>;
  requiredQuery: string[];
  body?: Json;
  /** Declares bearer security (needs a token for at least some callers). */
  secured: boolean;
}

export async function documentedRoutes(httpUrl: string): Promise<RouteSpec[]> {
  const doc = (await (await fetch(`${httpUrl}/docs/json`)).json()) as Json;
  const out: RouteSpec[] = [];
  for (const [path, methods] of Object.entries<Json>(doc.paths))
    for (const [method, op] of Object.entries<Json>(methods)) {
      const params = (op.parameters ?? []) as Json[];
      out.push({
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name as string),
        query: Object.fromEntries(params.filter((p) => p.in === 'query').map((p) => [p.name, p.schema ?? {}])),
        requiredQuery: params.filter((p) => p.in === 'query' && p.required).map((p) => p.name as string),
        body: op.requestBody?.content?.['application/json']?.schema,
        secured: Array.isArray(op.security) && op.security.length > 0,
      });
    }
  return out;
}

/** Fills a path template; org and app default to `appKey`'s. */
export function fillPath(path: string, appKey: string, values: Record<string, string>): string {
  const [org, app] = appKey.split('#') as [string, string];
  const all: Record<string, string> = { org, app, ...values };
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeSegment(all[name] ?? `x-${name}`));
}

/** Percent-encodes; a lone surrogate becomes its (invalid) UTF-8 bytes, which servers must refuse cleanly. */
function encodeSegment(v: string): string {
  try {
    return encodeURIComponent(v);
  } catch {
    return '%ED%A0%80';
  }
}

/** A small body that satisfies `schema` (required fields only), so a request reaches the auth check. */
export function minimalBody(schema: Json, names: Record<string, unknown> = {}): unknown {
  if (!schema) return undefined;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const alts = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(alts)) return minimalBody(alts.find((a: Json) => a.type === 'object') ?? alts[0], names);
  switch (Array.isArray(schema.type) ? schema.type[0] : schema.type) {
    case 'string':
      return String(names.string ?? 'alice').padEnd(schema.minLength ?? 0, 'x');
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => minimalBody(schema.items, names));
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const k of (schema.required ?? []) as string[])
        out[k] = names[k] ?? minimalBody(schema.properties?.[k], names);
      return out;
    }
    default:
      return null;
  }
}
