/** Renders the error catalogue as the Markdown of docs/errors.md (a test keeps the two equal). */
import { ErrorCatalogue } from './errors.js';

export function renderErrorsDoc(): string {
  const rows = Object.entries(ErrorCatalogue).map(
    ([name, s]) =>
      `| ${s.code} | \`${name}\` | ${s.http || '-'} | ${s.retryable ? 'yes' : 'no'} | ${s.rest} | ${s.description} |`,
  );
  return [
    '# Error codes',
    '',
    'Every error Pigeon reports, over the WebSocket (`err` in a reply frame), over REST (`code` and `name` in the',
    'body, beside Easemob-style `error` and `error_description`) and from the SDK (`PigeonError.code`/`.type`),',
    'comes from one catalogue: `packages/protocol/src/errors.ts`. Codes are stable.',
    '',
    'Ranges: 1xxx bad request or frame · 2xxx authentication · 3xxx permission and tenancy · 4xxx resources ·',
    '5xxx server state · 6xxx raised inside the SDK (HTTP `-`).',
    '',
    '| code | name | HTTP | retryable | REST `error` | meaning |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
