/** Renders the OpenAPI document as docs/rest.md: one section per route, schemas as compact types. */
type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  const?: unknown;
  enum?: unknown[];
  additionalProperties?: boolean | Schema;
  description?: string;
  minItems?: number;
  maxItems?: number;
};
type Operation = {
  summary?: string;
  security?: unknown[];
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Schema; description?: string }>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
};
export type OpenApiDoc = {
  info?: { title?: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
};

export function schemaText(s: Schema | undefined, depth = 0): string {
  if (!s) return 'unknown';
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return alts.map((a) => schemaText(a, depth)).join(' | ');
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((e) => JSON.stringify(e)).join(' | ');
  if (s.type === 'array')
    return `${wrap(schemaText(s.items, depth))}[]${s.maxItems ? ` (${s.minItems ?? 0}..${s.maxItems})` : ''}`;
  if (s.type === 'object' || s.properties) {
    const props = Object.entries(s.properties ?? {});
    if (!props.length)
      return typeof s.additionalProperties === 'object'
        ? `{ [key: string]: ${schemaText(s.additionalProperties, depth)} }`
        : 'object';
    const req = new Set(s.required ?? []);
    const pad = '  '.repeat(depth + 1);
    const lines = props.map(([k, v]) => `${pad}${k}${req.has(k) ? '' : '?'}: ${schemaText(v, depth + 1)};`);
    return `{\n${lines.join('\n')}\n${'  '.repeat(depth)}}`;
  }
  return Array.isArray(s.type) ? s.type.join(' | ') : (s.type ?? 'unknown');
}

const wrap = (t: string) => (t.includes('|') ? `(${t})` : t);
const jsonSchema = (c?: Record<string, { schema?: Schema }>) => c?.['application/json']?.schema;

function section(method: string, path: string, op: Operation): string {
  const out = [`### ${method.toUpperCase()} ${path}`, '', op.summary ?? '', ''];
  out.push(`Auth: ${op.security?.length ? '`Authorization: Bearer <token>`' : 'none'}`, '');
  const params = (op.parameters ?? []).filter((p) => p.in !== 'path');
  if (params.length) {
    out.push('| query | type | required |', '|---|---|---|');
    for (const p of params)
      out.push(`| \`${p.name}\` | ${schemaText(p.schema).replace(/\|/g, '\\|')} | ${p.required ? 'yes' : 'no'} |`);
    out.push('');
  }
  const body = jsonSchema(op.requestBody?.content);
  if (body) out.push('Body:', '```ts', schemaText(body), '```', '');
  const ok = op.responses?.['200'];
  const okSchema = jsonSchema(ok?.content);
  if (okSchema) out.push('Response 200:', '```ts', schemaText(okSchema), '```', '');
  out.push('Errors: the error envelope below, with the HTTP status of the error code.', '');
  return out.join('\n');
}

export function renderRestMarkdown(doc: OpenApiDoc): string {
  const out = [
    '# Pigeon REST API',
    '',
    "<!-- Generated from the routes' TypeBox schemas by packages/server/test/rest-docs.test.ts; do not edit by hand. -->",
    '',
    doc.info?.description ?? '',
    '',
    'The OpenAPI 3 document is served at `/docs/json`. Paths take the appKey `org#app` as `/{org}/{app}`.',
    '',
  ];
  for (const [path, ops] of Object.entries(doc.paths ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    for (const [method, op] of Object.entries(ops)) out.push(section(method, path, op));
  }
  const err = Object.values(doc.paths ?? {})
    .flatMap((ops) => Object.values(ops))
    .map((op) => jsonSchema(op.responses?.['4XX']?.content ?? op.responses?.['4xx']?.content))
    .find(Boolean);
  if (err) out.push('## Error envelope', '', '```ts', schemaText(err), '```', '');
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
