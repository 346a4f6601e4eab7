import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderRestMarkdown, type OpenApiDoc } from '../src/http/openapi-markdown.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const REST_MD = fileURLToPath(new URL('../../../docs/rest.md', import.meta.url));

describe('docs/rest.md', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('matches the OpenAPI document generated from the route schemas (UPDATE_DOCS=1 rewrites it)', async () => {
    const doc = (await (await fetch(`${s.httpUrl}/docs/json`)).json()) as OpenApiDoc;
    const md = renderRestMarkdown(doc);
    expect(md).toContain('### POST /{org}/{app}/token');
    expect(md).toContain('### POST /{org}/{app}/messages/users');
    if (process.env.UPDATE_DOCS || !existsSync(REST_MD)) writeFileSync(REST_MD, md);
    expect(
      readFileSync(REST_MD, 'utf8'),
      'docs/rest.md is stale: run UPDATE_DOCS=1 npx vitest run packages/server/test/rest-docs.test.ts',
    ).toBe(md);
  });
});
